using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityActors.Benchmarks.Harness;
using CityActors.Dashboard;
using CityActors.Grains;
using CityActors.Grains.Facilities;
using CityActors.Runtime;
using CityActors.Silo.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>
/// The operator dashboard under a busy city: 10,000 facilities, 1,000 status changes a second. How long each page's
/// HTML takes to load, and how much of a core 10 open overview pages cost the silo (their live streams included).
/// </summary>
internal sealed class DashboardLoadScenario : IScenario
{
    const int Facilities = 10_000;
    const int UpdatesPerSecond = 1_000;
    const int OpenDashboards = 10;
    const int LoadsPerPage = 5;
    const int Rounds = 3;

    static readonly string[] Kinds = ["school", "kindergarten", "clinic", "boiler-house", "traffic-signal", "siren"];
    static readonly string[] Departments = ["education", "education", "health", "utilities", "transport", "civil-protection"];
    static readonly string[] Pages = ["", "map", "facilities", "facilities/school-001", "departments", "projects", "reports", "system"];

    public string Name => "dashboard-load";

    public string Description => "the dashboard over 10,000 facilities and 1,000 changes/s: HTML load time per page, silo CPU for 10 open overview pages";

    public async Task RunAsync(ScenarioContext context)
    {
        var report = context.Report;
        var window = context.Options.Duration;
        var folder = Path.Combine(Path.GetTempPath(), "cityactors-dashboard-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var address = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:DataSource"] = Path.Combine(folder, "city.db"),
            ["City:Simulator:Enabled"] = "false",
            ["Dashboard:RequireSignIn"] = "false",
            ["Urls"] = address,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCityActorsSilo();
        builder.AddCityActorsCity();
        builder.AddCityActorsDashboard();
        await using var app = builder.Build();
        app.MapRuntimeApi();
        app.MapCityActorsDashboard();
        await app.StartAsync();
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var keys = await RegisterAsync(grains);
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: SQLite, {keys.Count} facilities (the demo city plus generated ones), {UpdatesPerSecond} status changes/s paced in 10 ms steps, simulator off, sign-in off; windows of {window.TotalSeconds:F0} s"));

            using var updates = new CancellationTokenSource();
            var sent = 0L;
            var load = Task.Run(() => UpdateAsync(grains, keys, () => Interlocked.Increment(ref sent), updates.Token));
            await Task.Delay(context.Options.Warmup);

            foreach (var page in Pages)
            {
                var times = new List<double>();
                for (var i = 0; i < LoadsPerPage; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(page);
                    var body = await response.Content.ReadAsStringAsync();
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode || body.Length == 0)
                        throw new InvalidOperationException($"/{page} answered {(int)response.StatusCode}");
                }
                var first = times[0];
                times.Sort();
                var name = page.Length == 0 ? "overview" : page.Replace('/', '-');
                report.Figure($"dashboard.load.{name}.first", first, "ms", 1);
                report.Figure($"dashboard.load.{name}.median", times[times.Count / 2], "ms", 1);
                report.Figure($"dashboard.load.{name}.max", times[^1], "ms", 1);
            }

            // Windows without and with 10 open overview pages alternate, so drifts in the machine's load fall on both.
            var idle = new List<double>();
            var open = new List<double>();
            long sentIdle = 0, sentOpen = 0, bytes = 0;
            // The page loads above leave collections and tiering work behind: a first window absorbs them and is not counted.
            await MeasureAsync(window);
            for (var round = 0; round < Rounds; round++)
            {
                var sentBefore = Interlocked.Read(ref sent);
                idle.Add(await MeasureAsync(window));
                sentIdle += Interlocked.Read(ref sent) - sentBefore;

                using var streams = new CancellationTokenSource();
                var received = new long[OpenDashboards];
                var readers = Enumerable.Range(0, OpenDashboards).Select(i => Task.Run(() => ReadStreamAsync(address, i, received, streams.Token))).ToList();
                await Task.Delay(TimeSpan.FromSeconds(2));
                var before = received.Sum();
                sentBefore = Interlocked.Read(ref sent);
                open.Add(await MeasureAsync(window));
                sentOpen += Interlocked.Read(ref sent) - sentBefore;
                bytes += received.Sum() - before;
                await streams.CancelAsync();
                await Task.WhenAll(readers);
            }
            await updates.CancelAsync();
            await load;

            var measured = window.TotalSeconds * Rounds;
            report.Note("cpu windows without dashboards: " + string.Join(", ", idle.Select(c => c.ToString("F1", CultureInfo.InvariantCulture))) + " % of one core");
            report.Note("cpu windows with 10 dashboards: " + string.Join(", ", open.Select(c => c.ToString("F1", CultureInfo.InvariantCulture))) + " % of one core");
            report.Figure("dashboard.updates.rate.without-dashboards", sentIdle / measured, "changes/s");
            report.Figure("dashboard.updates.rate.with-dashboards", sentOpen / measured, "changes/s");
            report.Figure("dashboard.cpu.without-dashboards", idle.Average(), "% of one core (silo + load generator)", 1);
            report.Figure("dashboard.cpu.with-10-dashboards", open.Average(), "% of one core (silo + load generator)", 1);
            report.Figure("dashboard.cpu.10-dashboards", open.Average() - idle.Average(), "% of one core (difference of the means)", 1);
            report.Figure("dashboard.stream.bytes-per-dashboard", bytes / measured / OpenDashboards, "bytes/s", 0);
        }
        finally
        {
            await app.StopAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleaning.
            }
        }
    }

    static async Task<List<(string Key, string Kind)>> RegisterAsync(IGrainFactory grains)
    {
        var keys = new List<(string Key, string Kind)>(Facilities);
        var directory = await grains.GetGrain<CityActors.Grains.Directory.IFacilityDirectoryGrain>("zhytomyr")
            .ListAsync(new CityActors.Grains.Directory.FacilityQuery(Limit: CityActors.Grains.Directory.FacilityQuery.MaxLimit));
        keys.AddRange(directory.Items.Select(f => (f.Key, f.Kind)));
        var extra = Enumerable.Range(1, Facilities - keys.Count).Select(i => (Key: string.Create(CultureInfo.InvariantCulture, $"bench-{i:00000}"), Index: i)).ToList();
        await Parallel.ForEachAsync(extra, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (f, _) =>
        {
            var kind = f.Index % Kinds.Length;
            var west = f.Index % 2 == 0;
            var registration = new FacilityRegistration(Kinds[kind], $"Об'єкт навантаження № {f.Index}", $"вул. Київська, {f.Index}",
                west ? "Богунський" : "Корольовський", Departments[kind],
                new GeoPoint(50.22 + (f.Index * 7919 % 700) / 10_000.0, (west ? 28.60 : 28.67) + (f.Index * 104729 % 600) / 10_000.0), true);
            await grains.GetGrain<IFacilityGrain>(f.Key).RegisterAsync(registration, new ChangeContext("urn:cityactors:benchmark", f.Key));
        });
        keys.AddRange(extra.Select(f => (f.Key, Kinds[f.Index % Kinds.Length])));
        return keys;
    }

    /// <summary>Sends status changes at the target rate; each alternates a facility between two of its kind's statuses.</summary>
    static async Task UpdateAsync(IGrainFactory grains, List<(string Key, string Kind)> facilities, Func<long> count, CancellationToken cancel)
    {
        // Only kinds with two everyday statuses change; the others (cameras, shelters, …) stay as registered.
        var keys = facilities.Where(f => Statuses(f.Kind).Up is not null).ToList();
        var next = 0;
        var step = TimeSpan.FromMilliseconds(10);
        var perStep = UpdatesPerSecond / 100;
        var started = Stopwatch.GetTimestamp();
        var steps = 0L;
        var pending = new List<Task>();
        while (!cancel.IsCancellationRequested)
        {
            for (var i = 0; i < perStep; i++)
            {
                var (key, kind) = keys[next++ % keys.Count];
                var round = next / keys.Count;
                pending.Add(SendAsync(grains, key, kind, round, count));
            }
            steps++;
            var due = TimeSpan.FromTicks(step.Ticks * steps) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, cancel);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
    }

    static (string? Up, string? Down) Statuses(string kind) => kind switch
    {
        "school" or "kindergarten" or "out-of-school" or "clinic" => ("open", "closed"),
        "boiler-house" => ("operating", "stopped"),
        "traffic-signal" => ("normal", "flashing"),
        "siren" => ("ready", "sounding"),
        _ => (null, null),
    };

    static async Task SendAsync(IGrainFactory grains, string key, string kind, int round, Func<long> count)
    {
        var (up, down) = Statuses(kind);
        var status = round % 2 == 0 ? down! : up!;
        try
        {
            await grains.GetGrain<IFacilityGrain>(key).ReportStatusAsync(new StatusUpdate(status, new Dictionary<string, double>(), DateTimeOffset.UtcNow,
                "urn:cityactors:benchmark", Guid.NewGuid().ToString("N")));
            count();
        }
        catch (Exception e) when (e is ValidationException or NotRegisteredException)
        {
            // A kind without these statuses: skipped, not counted.
        }
    }

    static async Task ReadStreamAsync(string address, int index, long[] received, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await http.GetAsync("dashboard/live?parts=status,overview&lang=uk", HttpCompletionOption.ResponseHeadersRead, cancel);
            await using var stream = await response.Content.ReadAsStreamAsync(cancel);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel)) > 0)
                Interlocked.Add(ref received[index], read);
        }
        catch (OperationCanceledException)
        {
            // The window is over.
        }
    }

    static async Task<double> MeasureAsync(TimeSpan window)
    {
        var before = RuntimeCounters.Take();
        await Task.Delay(window);
        var after = RuntimeCounters.Take();
        return (after.ProcessorTime - before.ProcessorTime) / (after.Elapsed - before.Elapsed) * 100;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
