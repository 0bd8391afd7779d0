using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using Npgsql;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Status updates pushed through the client API of a real silo process over loopback HTTP.</summary>
/// <remarks>
/// Every update changes a reading, so each is applied and journaled durably (not a heartbeat), and the facility
/// directory and the city aggregate consume every one of them. Two figures: batches of 500 in a closed loop
/// (durable updates/s), and single updates at a fixed rate (open loop, latency percentiles).
/// </remarks>
internal sealed class ApiIngestScenario : IScenario
{
    const string AdminKey = "benchmark-bootstrap-admin-key-zhytomyr-01";
    const int BatchSize = 500;
    const double SingleRate = 2_000;

    /// <summary>The silo process starts cold: under this load its JIT goes on recompiling the request path (tiered PGO) for 15 to 20 s.</summary>
    static readonly TimeSpan s_warmup = TimeSpan.FromSeconds(20);

    public string Name => "api-ingest";

    public string Description => "POST /api/v1/facilities/status/batch (500 per batch) and single updates at 2,000/s over loopback HTTP to a silo process, per --storage";

    public async Task RunAsync(ScenarioContext context)
    {
        foreach (var kind in context.Options.Storages.Where(s => s != StorageKind.Memory))
        {
            try
            {
                await RunOnAsync(context, kind);
            }
            catch (Exception exception)
            {
                context.Fail($"api-ingest.{kind.ToString().ToLowerInvariant()}", exception);
            }
        }
    }

    async Task RunOnAsync(ScenarioContext context, StorageKind kind)
    {
        var options = context.Options;
        var report = context.Report;
        var name = $"api-ingest.{kind.ToString().ToLowerInvariant()}";
        var facilities = options.Grains ?? 10_000;
        var callers = options.Callers ?? 8;
        var unique = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}");
        var sqlite = Path.Combine(Path.GetTempPath(), $"cityactors-api-bench-{unique}.db");
        var schema = $"cityactors_api_bench_{unique}";
        var environment = new Dictionary<string, string>
        {
            ["ClientApi__BootstrapAdminKey"] = AdminKey,
            ["ClientApi__RequestsPerSecond"] = "1000000",
            ["City__Demo__Enabled"] = "false",
            ["City__Simulator__Enabled"] = "false",
            ["City__Concept__ImportAtStart"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (variable, value) in options.SiloEnvironment)
            environment[variable] = value;
        if (kind == StorageKind.Postgres)
        {
            environment["Storage__Provider"] = "Postgres";
            environment["Storage__Postgres__ConnectionString"] = new NpgsqlConnectionStringBuilder(options.Postgres) { MaxPoolSize = BenchmarkStore.DefaultPostgresPoolSize }.ConnectionString;
            environment["Storage__Postgres__Schema"] = schema;
        }
        else
        {
            environment["Storage__Sqlite__DataSource"] = sqlite;
        }
        try
        {
            await using var silo = await SiloProcess.StartAsync(environment);
            silo.Http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"{name}: silo process on {(kind == StorageKind.Postgres ? $"PostgreSQL schema {schema}" : $"SQLite file {sqlite}")}, {facilities} school facilities, loopback HTTP/1.1, {options.WarmupOr(s_warmup).TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured{string.Concat(options.SiloEnvironment.Select(e => $", {e.Key}={e.Value}"))}"));
            await RegisterAsync(silo.Http, facilities);

            if (options.ApiIngestParts.HasFlag(ApiIngestParts.Batch))
                await BatchesAsync(context, silo, name, facilities, callers);
            if (options.ApiIngestParts.HasFlag(ApiIngestParts.Single))
                await SinglesAsync(context, silo, name, facilities);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(sqlite + suffix);
            if (kind == StorageKind.Postgres)
            {
                await using var connection = new NpgsqlConnection(options.Postgres);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>Batches: closed loop, each caller sends a batch of 500 and awaits its results.</summary>
    static async Task BatchesAsync(ScenarioContext context, SiloProcess silo, string name, int facilities, int callers)
    {
        var options = context.Options;
        var report = context.Report;
        var sequence = 0L;
        var result = await LoadRunner.RunAsync(callers, async (caller, iteration) =>
        {
            var first = (Interlocked.Increment(ref sequence) - 1) * BatchSize;
            using var response = await silo.Http.PostAsync("/api/v1/facilities/status/batch", Json(Batch(first, facilities, $"b{caller}-{iteration}")));
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }, options.WarmupOr(s_warmup), options.Duration);
        report.Figure($"{name}.batch500", result.PerSecond * BatchSize, "durable updates/s");
        report.Figure($"{name}.batch500.requests", result.PerSecond, "batches/s", 1);
        report.Figure($"{name}.batch500.latency.mean", callers / result.PerSecond * 1000, "ms", 1);
        report.Note($"{name}.batch500 with {callers} concurrent callers");
    }

    /// <summary>Single updates: open loop at a fixed rate, latency of each from its scheduled start.</summary>
    static async Task SinglesAsync(ScenarioContext context, SiloProcess silo, string name, int facilities)
    {
        var options = context.Options;
        var report = context.Report;
        var latencies = await OpenLoopAsync(silo.Http, facilities, options.WarmupOr(s_warmup), options.Duration);
        var percentiles = new Percentiles(latencies.Ticks);
        report.Figure($"{name}.single.rate", latencies.Completed / options.Duration.TotalSeconds, "requests/s (offered 2000)");
        report.Figure($"{name}.single.p50", percentiles.Microseconds(0.5) / 1000, "ms", 2);
        report.Figure($"{name}.single.p99", percentiles.Microseconds(0.99) / 1000, "ms", 2);
        report.Figure($"{name}.single.p999", percentiles.Microseconds(0.999) / 1000, "ms", 2);
        report.Figure($"{name}.single.errors", latencies.Errors, "non-200 answers");
    }

    static async Task RegisterAsync(HttpClient http, int facilities)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, facilities), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var body = $$"""{"kind":"school","name":"Ліцей № {{i}}","address":"вул. Київська, {{i}}","district":"{{(i % 2 == 0 ? "Богунський" : "Корольовський")}}","department":"education"}""";
            using var response = await http.PutAsync($"/api/v1/facilities/{Key(i)}", Json(body));
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"registering {Key(i)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        });
    }

    static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"school-{i:D5}");

    /// <summary>Update <paramref name="n"/> goes to facility n mod count in round n / count; rounds alternate the temperature, so every update is applied.</summary>
    static string Temperature(long n, int facilities) => (n / facilities) % 2 == 0 ? "18.5" : "19.5";

    static string Batch(long first, int facilities, string id)
    {
        var builder = new StringBuilder(BatchSize * 110).Append('[');
        for (var i = 0; i < BatchSize; i++)
        {
            var n = first + i;
            if (i > 0)
                builder.Append(',');
            builder.Append("{\"facility\":\"").Append(Key((int)(n % facilities))).Append("\",\"status\":\"open\",\"readings\":{\"temperature\":")
                .Append(Temperature(n, facilities)).Append("},\"id\":\"").Append(id).Append('-').Append(i).Append("\"}");
        }
        return builder.Append(']').ToString();
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    sealed record OpenLoopResult(List<long> Ticks, long Completed, long Errors);

    static async Task<OpenLoopResult> OpenLoopAsync(HttpClient http, int facilities, TimeSpan warmup, TimeSpan duration)
    {
        var ticks = new List<long>();
        long completed = 0, errors = 0;
        var pending = new List<Task>();
        var interval = Stopwatch.Frequency / SingleRate;
        var total = (long)((warmup + duration).TotalSeconds * SingleRate);
        var warmupCount = (long)(warmup.TotalSeconds * SingleRate);
        var start = Stopwatch.GetTimestamp();
        for (long n = 0; n < total; n++)
        {
            var due = start + (long)(n * interval);
            while (Stopwatch.GetTimestamp() < due)
                await Task.Delay(1);
            var index = n;
            pending.Add(Task.Run(async () =>
            {
                var body = $$"""{"status":"open","readings":{"temperature":{{Temperature(index + 1, facilities)}}},"id":"s-{{index}}"}""";
                var ok = false;
                try
                {
                    using var response = await http.PostAsync($"/api/v1/facilities/{Key((int)(index % facilities))}/status", Json(body));
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    // Counted as an error below.
                }
                var elapsed = Stopwatch.GetTimestamp() - due;
                if (index < warmupCount)
                    return;
                lock (ticks)
                {
                    ticks.Add(elapsed);
                    completed++;
                    if (!ok)
                        errors++;
                }
            }));
        }
        await Task.WhenAll(pending);
        return new OpenLoopResult(ticks, completed, errors);
    }
}
