using System.Data.Common;
using System.Globalization;
using CityActors.Runtime.Hosting;
using Npgsql;

namespace CityActors.Benchmarks.Storage;

/// <summary>A store that exists for one run only: a temporary SQLite file or a fresh PostgreSQL schema, removed on dispose.</summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    readonly string? _sqlitePath;
    readonly string? _postgres;
    readonly string? _schema;

    BenchmarkStore(StorageKind kind, string? sqlitePath, string? postgres, string? schema)
    {
        Kind = kind;
        _sqlitePath = sqlitePath;
        _postgres = postgres;
        _schema = schema;
    }

    public StorageKind Kind { get; }

    public string Name => Kind.ToString().ToLowerInvariant();

    public string Description => Kind switch
    {
        StorageKind.Sqlite => $"SQLite file {_sqlitePath} (WAL, synchronous=FULL)",
        StorageKind.Postgres => $"PostgreSQL schema {_schema}, at most {new NpgsqlConnectionStringBuilder(_postgres).MaxPoolSize} pooled connections",
        _ => "memory (nothing durable)",
    };

    /// <summary>The pool size used when the connection string sets none.</summary>
    /// <remarks>
    /// Npgsql's default of 100 equals PostgreSQL's default max_connections: a burst of activations, each
    /// reading its state on a pooled connection, then takes every server connection and fails with 53300.
    /// </remarks>
    public const int DefaultPostgresPoolSize = 32;

    public static BenchmarkStore Create(StorageKind kind, string postgresConnectionString)
    {
        var unique = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}_{Random.Shared.Next(100_000)}");
        return kind switch
        {
            StorageKind.Sqlite => new BenchmarkStore(kind, Path.Combine(Path.GetTempPath(), $"cityactors-bench-{unique}.db"), null, null),
            StorageKind.Postgres => new BenchmarkStore(kind, null, WithPoolSize(postgresConnectionString), $"cityactors_bench_{unique}"),
            _ => new BenchmarkStore(kind, null, null, null),
        };
    }

    static string WithPoolSize(string connectionString)
    {
        // Npgsql's builder claims every keyword it knows, so look at what the string itself says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE"))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultPostgresPoolSize }.ConnectionString;
    }

    public void Configure(SiloBuilder silo)
    {
        switch (Kind)
        {
            case StorageKind.Sqlite:
                silo.UseSqliteStorage(_sqlitePath!);
                break;
            case StorageKind.Postgres:
                silo.UsePostgresStorage(_postgres!, _schema!);
                break;
            default:
                silo.UseMemoryStorage();
                break;
        }
    }

    /// <summary>Removes the file or schema; call it after the silo is stopped, so nothing holds them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqlitePath + suffix);
        }
        if (_postgres is not null && _schema is not null)
        {
            await using var connection = new NpgsqlConnection(_postgres);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
