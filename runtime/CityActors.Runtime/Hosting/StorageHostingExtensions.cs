using CityActors.Runtime.Storage.Postgres;
using CityActors.Runtime.Storage.Sqlite;

namespace CityActors.Runtime.Hosting;

/// <summary>Chooses the silo's storage (Orleans: <c>AddAdoNetGrainStorage</c>, here one store for everything).</summary>
public static class StorageHostingExtensions
{
    /// <summary>Stores everything in one SQLite file (WAL mode): the embedded default, no server needed.</summary>
    public static SiloBuilder UseSqliteStorage(this SiloBuilder silo, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        return silo.UseStorage(_ => new SqliteBackend(new SqliteStorageOptions(dataSource)));
    }

    /// <summary>Stores everything in PostgreSQL, in the tables of <paramref name="schema"/>.</summary>
    public static SiloBuilder UsePostgresStorage(this SiloBuilder silo, string connectionString, string schema = "cityactors")
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseStorage(_ => new PostgresBackend(new PostgresStorageOptions(connectionString, schema)));
    }
}
