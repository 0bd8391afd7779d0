using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CityActors.Silo.Tests;

/// <summary>Liveness, readiness that follows storage, and a graceful stop.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Readiness_FailsWhilePostgresIsStopped_AndRecoversWhenItReturns()
    {
        await using var postgres = await PrivatePostgres.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__Postgres__ConnectionString"] = postgres.ConnectionString,
            ["Storage__Postgres__Schema"] = "city",
        });
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health/ready")).StatusCode);

        await postgres.StopAsync();
        var down = await silo.Http.GetAsync("/health/ready");
        var body = await down.Content.ReadFromJsonAsync<JsonElement>();
        var live = await silo.Http.GetAsync("/health/live");

        await postgres.StartAsync();
        var recovered = await EventuallyAsync(async () => (await silo.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        var batches = await StorageBatchesAsync(silo);
        var writing = await EventuallyAsync(async () => await StorageBatchesAsync(silo) > batches);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.StartsWith("Storage did not answer", body.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(recovered, "ready again after PostgreSQL returned");
        Assert.True(writing, "the silo writes to storage again (the demo city's simulator)");
    }

    [Fact]
    public async Task Sigterm_DeactivatesAndFlushes_ThenTheJournalIsOnDisk()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-stop-");
        var database = Path.Combine(folder.FullName, "city.db");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database });
            Assert.True(await EventuallyAsync(async () => await StorageBatchesAsync(silo) > 5), "the simulator writes");

            var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(40));

            Assert.Equal(0, exitCode);
            Assert.Matches(@"Silo stopped: \d+ activations deactivated", silo.Output);
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var events = connection.CreateCommand();
            events.CommandText = "SELECT count(*) FROM events";
            Assert.True(Convert.ToInt64(await events.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 1000, "the demo city's registrations and reports are in the journal");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Readiness_StoreSchemaMovedPastTheSilo_NotReadyWithTheReason()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-schema-");
        var database = Path.Combine(folder.FullName, "city.db");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Sqlite__DataSource"] = database,
                ["City__Demo__Enabled"] = "false",
                ["City__Simulator__Enabled"] = "false",
            });
            var before = await silo.Http.GetAsync("/health/ready");
            var known = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("schemaVersion").GetInt32();

            // What a newer release does when it migrates the store this silo runs on.
            await ExecuteAsync(database, $"INSERT INTO schema_version (version, applied_at) VALUES ({known + 1}, 0)");
            var after = await silo.Http.GetAsync("/health/ready");
            var body = await after.Content.ReadFromJsonAsync<JsonElement>();
            var live = await silo.Http.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
            Assert.Equal("not ready", body.GetProperty("status").GetString());
            Assert.Equal(known + 1, body.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(known, body.GetProperty("expectedSchemaVersion").GetInt32());
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"The storage schema is at version {known + 1}, newer than this silo knows (up to {known}): a newer release migrated it. Run that release, or stop this silo."),
                body.GetProperty("problem").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_StoreSchemaNewerThanTheSilo_RefusesAndSaysWhy()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-schema-new-");
        var database = Path.Combine(folder.FullName, "city.db");
        try
        {
            await ExecuteAsync(database, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_version VALUES (999, 0)");

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database }));

            Assert.Contains("The silo exited with code", refused.Message, StringComparison.Ordinal);
            Assert.Contains("schema version 999; this runtime knows versions up to", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    static async Task<long> StorageBatchesAsync(SiloProcess silo)
        => (await silo.Http.GetFromJsonAsync<JsonElement>("/runtime/statistics")).GetProperty("storageBatches").GetInt64();

    static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(250);
        }
        return false;
    }
}
