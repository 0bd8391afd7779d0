namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>Where the SQLite backend keeps its one database file.</summary>
/// <param name="DataSource">Path of the database file; it is created when missing.</param>
public sealed record SqliteStorageOptions(string DataSource = "cityactors.db");
