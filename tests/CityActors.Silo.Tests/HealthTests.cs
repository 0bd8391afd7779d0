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
