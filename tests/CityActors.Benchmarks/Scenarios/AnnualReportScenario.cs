using System.Diagnostics;
using System.Globalization;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using CityActors.Grains;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;
using CityActors.Grains.Kinds;
using CityActors.Grains.Reports;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>
/// A simulated year of the city's facilities on the city's stream, counted by the city aggregate; then the year's report
/// built from the maintained aggregates, and rebuilt from the raw journal.
/// </summary>
/// <remarks>
/// The events are the ones facility grains publish (registration, then about one status change per facility per day,
/// one in ten an outage restored by the next), committed straight to the stream in large batches: the scenario
/// measures the report, not 3.65 million grain calls. The events are generated from a fixed seed.
/// </remarks>
internal sealed class AnnualReportScenario : IScenario
{
    const string Prefix = "annual-report";
    const string City = "zhytomyr";
    const int Year = 2025;
    const int Batch = 4_096;
    const int InFlightBatches = 4;

    public string Name => "annual-report";

    public string Description => "a year of 10,000 facilities (3.65 M events) with the 2025 Concept imported: report from maintained aggregates (< 5 s), rebuild from the raw journal (< 60 s)";

    public async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var report = context.Report;
        var storage = options.Storages[0];
        await using var store = BenchmarkStore.Create(storage, options.Postgres);
        await using var silo = await TestSilo.StartAsync(s =>
        {
            s.AddGrains(typeof(FacilityGrain).Assembly);
            store.Configure(s);
        }, configuration: new Dictionary<string, string?> { ["Runtime:Messaging:ResponseTimeout"] = "00:30:00" });
        var grains = silo.GrainFactory;
        var aggregate = grains.GetGrain<ICityAggregateGrain>(City);
        await aggregate.GetRollupAsync();
        await grains.GetGrain<IDistrictFiguresGrain>(City).GetCheckpointAsync();
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {options.Facilities} facilities over {options.Days} days of {Year}, storage {store.Description}; events committed in batches of {Batch}, {InFlightBatches} in flight"));

        var imported = await grains.GetGrain<IImportGrain>(City).ImportConceptAsync(
            new ImportRequest(ConceptReports.Zhytomyr2025, ConceptReports.Read(ConceptReports.Zhytomyr2025), false, false, "benchmark"));
        if (!imported.Applied)
            throw new InvalidOperationException("The 2025 Concept report did not import: " + string.Join("; ", imported.Errors));
        var kinds = await grains.GetGrain<IKindRegistryGrain>(City).GetKindsAsync();
        var grainStorage = silo.Services.GetRequiredService<GrainStorage>();
        var started = Stopwatch.GetTimestamp();
        var events = await WriteYearAsync(grainStorage, kinds, options.Facilities, options.Days);
        var written = Stopwatch.GetElapsedTime(started);
        report.Figure($"{Prefix}.events", events, "events");
        report.Figure($"{Prefix}.write", written.TotalSeconds, "s", 1);

        var head = grainStorage.HighWaterMark;
        started = Stopwatch.GetTimestamp();
        var districts = grains.GetGrain<IDistrictFiguresGrain>(City);
        while ((await aggregate.GetRollupAsync()).Sequence < head || await districts.GetCheckpointAsync() < head)
            await Task.Delay(100);
        report.Figure($"{Prefix}.aggregate-catch-up", Stopwatch.GetElapsedTime(started).TotalSeconds, "s", 1);

        var annual = grains.GetGrain<IAnnualReportGrain>(Year.ToString(CultureInfo.InvariantCulture));
        var counters = RuntimeCounters.Take();
        started = Stopwatch.GetTimestamp();
        var version = await annual.BuildAsync(KyivCalendar.StartOf(Year + 1));
        report.Figure($"{Prefix}.build-from-aggregates", Stopwatch.GetElapsedTime(started).TotalSeconds, "s", 2);
        report.Figure($"{Prefix}.build-from-aggregates.cpu-time", (RuntimeCounters.Take() - counters).ProcessorTime.TotalSeconds, "s", 2);
        Note(report, "built", version);

        foreach (var format in ReportFormat.All)
        {
            started = Stopwatch.GetTimestamp();
            var file = await annual.RenderAsync(format);
            report.Figure($"{Prefix}.render.{format}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"ms ({file.Content.Length} bytes)");
        }

        counters = RuntimeCounters.Take();
        started = Stopwatch.GetTimestamp();
        var rebuilt = await annual.RebuildFromJournalAsync(ReportFormat.Json);
        report.Figure($"{Prefix}.rebuild-from-journal", Stopwatch.GetElapsedTime(started).TotalSeconds, "s", 1);
        // CPU time moves less than elapsed time when other processes share the cores.
        report.Figure($"{Prefix}.rebuild-from-journal.cpu-time", (RuntimeCounters.Take() - counters).ProcessorTime.TotalSeconds, "s", 1);
        var stored = await annual.RenderAsync(ReportFormat.Json);
        var identical = stored.Content.AsSpan().SequenceEqual(rebuilt.Content);
        report.Note($"{Prefix}: the rebuild from the raw journal is {(identical ? "byte-identical to" : "DIFFERENT from")} the version built from the aggregates");
        if (!identical)
            throw new InvalidOperationException("The report rebuilt from the journal differs from the one built from the aggregates.");
    }

    static void Note(Report report, string what, ReportVersion version) => report.Note(string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}: {what} version {version.Version} as of {version.AsOf:O}, stream position {version.Sequence}, {version.Counts.StatusChanges} status changes, {version.Counts.Outages} outages, hash {version.ContentHash[..16]}…"));

    /// <summary>Generates the year facility by facility and commits it in batches; returns the number of events.</summary>
    static async Task<long> WriteYearAsync(GrainStorage storage, IReadOnlyList<FacilityKind> kinds, int facilities, int days)
    {
        var serializer = storage.Serializer;
        var start = KyivCalendar.StartOf(Year);
        var random = new Random(2025);
        var districts = new[] { "Богунський", "Корольовський" };
        var pending = new List<StoredEvent>(Batch);
        var inFlight = new Queue<Task>();
        long count = 0;

        async Task FlushAsync()
        {
            if (pending.Count == 0)
                return;
            inFlight.Enqueue(storage.CommitAsync(new AppendEventsOperation(null, 0, [.. pending])));
            pending.Clear();
            if (inFlight.Count >= InFlightBatches)
                await inFlight.Dequeue();
        }

        void Add(CityEvent item)
        {
            var type = item.GetType();
            pending.Add(new StoredEvent(0, null, 0, GrainStorage.StorageTime(item.Change.ReceivedAt), CityEvent.StreamNamespace, City,
                serializer.TypeName(type), serializer.Serialize(item, type)));
            count++;
        }

        for (var i = 0; i < facilities; i++)
        {
            var kind = kinds[i % kinds.Count];
            var up = kind.Statuses.Where(s => s.Available).ToList();
            var down = kind.Statuses.FirstOrDefault(s => !s.Available) ?? up[0];
            var key = string.Create(CultureInfo.InvariantCulture, $"bench-{i:D5}");
            var registration = new FacilityRegistration(kind.Id, key, "вул. Київська, 1", districts[i % districts.Length],
                string.Create(CultureInfo.InvariantCulture, $"department-{i % 20:D2}"), new GeoPoint(50.25, 28.66), LocationPublic: true, Capacity: 100);
            var dims = new FacilityDims(registration.Kind, registration.District, registration.Department);
            var footprint = new Footprint(dims, up[0].Code, true, false, default, start, start);
            Add(new FacilityRegistered(registration, up[0].Code, true) { Subject = key, Change = Change(key, 0, start), Dims = dims, After = footprint });
            for (var day = 0; day < days; day++)
            {
                var at = start.AddDays(day).AddSeconds(random.Next(86_400));
                var status = !footprint.Available ? up[random.Next(up.Count)] : random.Next(10) == 0 ? down : up[random.Next(up.Count)];
                var after = footprint with { Status = status.Code, Available = status.Available, AvailableSince = status.Available == footprint.Available ? footprint.AvailableSince : at };
                var changed = after != footprint;
                Add(new StatusReported(status.Code, status.Available, new Dictionary<string, double>(), false)
                {
                    Subject = key,
                    Change = Change(key, day + 1, at),
                    Dims = dims,
                    Before = changed ? footprint : null,
                    After = changed ? after : null,
                });
                footprint = after;
                if (pending.Count >= Batch)
                    await FlushAsync();
            }
        }
        await FlushAsync();
        while (inFlight.Count > 0)
            await inFlight.Dequeue();
        return count;
    }

    static ChangeInfo Change(string key, int n, DateTimeOffset at)
        => new("urn:cityactors:benchmark", string.Create(CultureInfo.InvariantCulture, $"{key}:{n}"), "benchmark", null, at, at);
}
