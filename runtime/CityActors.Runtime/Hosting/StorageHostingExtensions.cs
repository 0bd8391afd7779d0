using CityActors.Runtime.Storage.Postgres;
using CityActors.Runtime.Storage.Sqlite;

namespace CityActors.Runtime.Hosting;

/// <summary>Chooses the silo's storage (Orleans: <c>AddAdoNetGrainStorage</c>, here one store for everything).</summary>
public static class StorageHostingExtensions
{
    /// <summary>Stores everything in one SQLite file (WAL mode): the embedded default, no server needed.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="dataSource">The database file.</param>
    /// <param name="name">A storage name grains may give besides <c>Default</c> (see <see cref="SiloBuilder.UseStorage"/>).</param>
    public static SiloBuilder UseSqliteStorage(this SiloBuilder silo, string dataSource, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        return silo.UseStorage(_ => new SqliteBackend(new SqliteStorageOptions(dataSource)), name);
    }

    /// <summary>Stores everything in PostgreSQL, in the tables of <paramref name="schema"/>.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema the tables live in.</param>
    /// <param name="name">A storage name grains may give besides <c>Default</c> (see <see cref="SiloBuilder.UseStorage"/>).</param>
    public static SiloBuilder UsePostgresStorage(this SiloBuilder silo, string connectionString, string schema = "cityactors", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseStorage(_ => new PostgresBackend(new PostgresStorageOptions(connectionString, schema)), name);
    }
}
