using CityActors.Grains.Facilities;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using Npgsql;

namespace CityActors.Grains.Tests.Support;

/// <summary>Starts in-process silos with the city's grains on memory, SQLite or PostgreSQL storage.</summary>
public static class CityHost
{
    /// <summary>2026-03-02 09:00 Kyiv (07:00 UTC), a Monday: inside a year, away from its edges.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    /// <summary>With a fake clock, nothing should time out because the test moved the clock an hour ahead.</summary>
    static readonly Dictionary<string, string?> s_fakeClockSettings = new()
    {
        ["Runtime:Messaging:ResponseTimeout"] = "365.00:00:00",
    };

    public static string PostgresConnectionString => Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    public static Task<TestSilo> StartAsync(Action<SiloBuilder> storage, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>(time is ManualTimeProvider ? s_fakeClockSettings : []);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        return TestSilo.StartAsync(silo =>
        {
            silo.AddGrains(typeof(FacilityGrain).Assembly);
            storage(silo);
        }, time, configuration);
    }

    public static Task<TestSilo> StartInMemoryAsync(TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var backend = new Runtime.Storage.MemoryBackend();
        return StartAsync(silo => silo.UseMemoryStorage(backend), time, settings);
    }

    public static Action<SiloBuilder> Sqlite(string path) => silo => silo.UseSqliteStorage(path);

    public static Action<SiloBuilder> Postgres(string schema) => silo => silo.UsePostgresStorage(PostgresConnectionString, schema);

    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), $"cityactors-grains-{Guid.NewGuid():N}.db");

    public static void DeleteSqlite(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
    }

    public static async Task DropPostgresSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
