using System.Text;
using CityActors.Client.Cli;
using CityActors.ClientApi.Tests.Support;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityActors.ClientApi.Tests;

/// <summary>cityctl migrate: a stopped silo's SQLite store copied into PostgreSQL, with no silo running.</summary>
[Collection(CityCtlConsole.Collection)]
public sealed class CityCtlMigrateTests
{
    [Fact]
    public async Task Migrate_StoppedSqliteStore_CopiesEveryEventIntoANewPostgresSchema()
    {
        var database = Path.Combine(Path.GetTempPath(), $"cityctl-migrate-{Guid.NewGuid():N}.db");
        var schema = $"cityctl_migrate_{Guid.NewGuid():N}";
        await using (var store = await TestSilo.StartAsync(s => s.UseSqliteStorage(database)))
        {
            var storage = store.Services.GetRequiredService<GrainStorage>();
            var events = Enumerable.Range(1, 3).Select(i => new StoredEvent(0, null, 0, DateTimeOffset.UtcNow, "migrate-test", "city", "System.String",
                Encoding.UTF8.GetBytes($"\"подія {i}\""))).ToList();
            await storage.CommitAsync(new AppendEventsOperation(null, 0, events));
        }
        try
        {
            var (code, output) = await CityCtlConsole.PrintedAsync(() => CityCtl.RunAsync(["migrate", "--from", database, "--to", ApiSilo.PostgresConnectionString, "--schema", schema]));

            Assert.True(code == ExitCodes.Ok, output);
            Assert.Contains("3 events", output, StringComparison.Ordinal);
            await using var connection = new NpgsqlConnection(ApiSilo.PostgresConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".events WHERE stream_namespace = 'migrate-test'", connection);
            Assert.Equal(3L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(database + suffix);
            await using var connection = new NpgsqlConnection(ApiSilo.PostgresConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Migrate_NoSuchSqliteFile_FailsWithExitCode1AndCopiesNothing()
    {
        var code = await CityCtl.RunAsync(["migrate", "--from", "/nonexistent/cityactors.db", "--to", ApiSilo.PostgresConnectionString, "--schema", "cityctl_never_created"]);

        Assert.Equal(ExitCodes.Failed, code);
    }
}
