namespace CityActors.Runtime.Storage.Postgres;

/// <summary>Which PostgreSQL database the backend uses, and the schema its tables live in.</summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
/// <param name="Schema">The schema of every table; created when missing, so several stores can share a database.</param>
public sealed record PostgresStorageOptions(string ConnectionString, string Schema = "cityactors");
