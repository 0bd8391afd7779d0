using CityActors.Runtime.Storage.Postgres;
using CityActors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CityActors.Runtime.Storage;

/// <summary>Where a store's schema was and where it is now: equal when there was nothing to apply, or on a dry run.</summary>
/// <param name="From">The version the store was at; 0 for a store with no tables yet.</param>
/// <param name="To">The version it is at now (on a dry run: still <paramref name="From"/>).</param>
/// <param name="Latest">The newest version this runtime knows.</param>
public sealed record SchemaMigration(int From, int To, int Latest);

/// <summary>
/// Applies schema migrations on demand, without starting a silo (which applies them at start too): for an operator who
/// wants to see and do the upgrade as a step of its own. Each store is migrated in one transaction.
/// </summary>
public static class StorageMigrations
{
    public static int SqliteLatest => SqliteSchema.CurrentVersion;

    public static int PostgresLatest => PostgresSchema.CurrentVersion;

    /// <summary>Migrates the SQLite store at <paramref name="path"/> (created when missing), or only reads its version when <paramref name="dryRun"/>.</summary>
    /// <exception cref="InvalidOperationException">The store is at a version newer than this runtime knows.</exception>
    public static SchemaMigration MigrateSqlite(string path, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (dryRun)
        {
            if (!File.Exists(path))
                return new SchemaMigration(0, 0, SqliteLatest);
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            reader.Open();
            var version = SqliteSchema.ReadVersion(reader);
            return version > SqliteLatest ? throw Newer($"The SQLite store {path}", version, SqliteLatest) : new SchemaMigration(version, version, SqliteLatest);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var from = SqliteSchema.Migrate(connection);
        return new SchemaMigration(from, SqliteLatest, SqliteLatest);
    }

    /// <summary>Migrates the PostgreSQL schema (created when missing), or only reads its version when <paramref name="dryRun"/>.</summary>
    /// <exception cref="InvalidOperationException">The schema is at a version newer than this runtime knows.</exception>
    public static async Task<SchemaMigration> MigratePostgresAsync(string connectionString, string schema, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (dryRun)
        {
            var version = await PostgresSchema.ReadVersionAsync(connection, PostgresSchema.Quote(schema), cancellationToken);
            return version > PostgresLatest
                ? throw Newer($"The PostgreSQL schema {PostgresSchema.Quote(schema)}", version, PostgresLatest)
                : new SchemaMigration(version, version, PostgresLatest);
        }
        var from = await PostgresSchema.MigrateAsync(connection, schema, cancellationToken);
        return new SchemaMigration(from, PostgresLatest, PostgresLatest);
    }

    static InvalidOperationException Newer(string store, int version, int latest)
        => new($"{store} is at schema version {version}; this runtime knows versions up to {latest}.");
}
