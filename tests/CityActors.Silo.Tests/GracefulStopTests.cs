using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityActors.Silo.Tests;

/// <summary>SIGTERM while departments are writing: the silo exits 0 in time and keeps every write it acknowledged.</summary>
public sealed class GracefulStopTests
{
    const string AdminKey = "graceful-stop-admin-key-0123456789abcdef";
    const int Writers = 8;
    static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_WithWritesInFlight_ExitsZeroInTimeAndKeepsEveryAcknowledgedWrite()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-sigterm-");
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
            ["ClientApi__BootstrapAdminKey"] = AdminKey,
            ["City__Demo__Enabled"] = "false",
            ["City__Simulator__Enabled"] = "false",
            ["Silo__ShutdownTimeout"] = s_shutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CityActors.Runtime.Hosting.Silo"] = "Information",
        };
        try
        {
            var acknowledged = new ConcurrentBag<Update>();
            int exitCode;
            TimeSpan stopping;
            await using (var silo = await SiloProcess.StartAsync(environment))
            {
                var facilities = Enumerable.Range(0, Writers).Select(i => $"stop-school-{i}").ToArray();
                foreach (var facility in facilities)
                    (await SendAsync(silo, HttpMethod.Put, $"/api/v1/facilities/{facility}", SchoolJson)).EnsureSuccessStatusCode();
                using var stop = new CancellationTokenSource();
                var writers = facilities.Select(f => Task.Run(() => WriteUntilRefusedAsync(silo, f, acknowledged, stop.Token))).ToArray();
                while (acknowledged.Count < 200)
                    await Task.Delay(50);

                var clock = Stopwatch.StartNew();
                exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(60));
                stopping = clock.Elapsed;
                stop.Cancel();
                await Task.WhenAll(writers);
                Assert.True(exitCode == 0, $"exit code {exitCode}:\n{silo.Output}");
                Assert.True(stopping < s_shutdownTimeout, $"stopped after {stopping}, the shutdown timeout is {s_shutdownTimeout}:\n{silo.Output}");
            }

            await using var restarted = await SiloProcess.StartAsync(environment);
            var items = acknowledged.Select(a => new { facility = a.Facility, status = "open", readings = new Dictionary<string, double> { ["temperature"] = a.Temperature }, observedAt = a.ObservedAt, source = "sigterm-test", id = a.Id }).ToArray();
            using var again = await SendAsync(restarted, HttpMethod.Post, "/api/v1/facilities/status/batch", JsonSerializer.Serialize(items));
            var results = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();

            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(items.Length, results.Count);
            // Sent again after the restart, an update the silo acknowledged before it is known: it was kept.
            Assert.All(results, r => Assert.Equal("duplicate", r.GetProperty("outcome").GetString()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Sends changing updates to one facility until the silo stops answering; keeps those it acknowledged.</summary>
    static async Task WriteUntilRefusedAsync(SiloProcess silo, string facility, ConcurrentBag<Update> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            // Each update changes the temperature, so each is journaled (a repeated value would be a heartbeat).
            var update = new Update(facility, $"{facility}-{i}", i % 2 == 0 ? 19.5 : 20.5, DateTimeOffset.UtcNow);
            var body = JsonSerializer.Serialize(new { status = "open", readings = new Dictionary<string, double> { ["temperature"] = update.Temperature }, observedAt = update.ObservedAt, source = "sigterm-test", id = update.Id });
            try
            {
                using var response = await SendAsync(silo, HttpMethod.Post, $"/api/v1/facilities/{facility}/status", body);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var outcome = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("outcome").GetString();
                    Assert.Equal("applied", outcome);
                    acknowledged.Add(update);
                }
                else
                    await Task.Delay(20, CancellationToken.None);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Stopping or stopped: nothing acknowledged, so nothing to find later.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    static Task<HttpResponseMessage> SendAsync(SiloProcess silo, HttpMethod method, string path, string json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AdminKey);
        return silo.Http.SendAsync(request);
    }

    sealed record Update(string Facility, string Id, double Temperature, DateTimeOffset ObservedAt);

    const string SchoolJson = """
        {"kind":"school","name":"Ліцей № 98","address":"вул. Київська, 1","district":"Богунський","department":"education",
         "location":{"latitude":50.2547,"longitude":28.6587},"locationPublic":true,"capacity":900}
        """;
}
