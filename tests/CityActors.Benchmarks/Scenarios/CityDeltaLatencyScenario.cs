using System.Diagnostics;
using System.Globalization;
using CityActors.Benchmarks.City;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using CityActors.Grains.Aggregation;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>From an update's acknowledgement to the aggregate's delta that carries it, at a fixed offered rate (open loop).</summary>
/// <remarks>
/// Updates are sent on a schedule, whether or not earlier ones have returned, so a slow moment shows in the latency
/// instead of slowing the sender down. Each update changes its facility's status, so the delta that counts it lists the
/// facility with the update's observed time; the latency of an update is from its acknowledgement to that delta
/// reaching the observer (zero when the delta came first). Facilities are updated round-robin, a long time apart
/// compared to one update's latency, so updates of one facility do not overtake each other.
/// </remarks>
internal sealed class CityDeltaLatencyScenario : IScenario
{
    const string Prefix = "city-delta-latency";
    const double Rate = 10_000;
    const int WarmupUpdates = 100_000;

    public string Name => Prefix;

    public string Description => "acknowledged update -> aggregate delta at a subscribed observer, offered 10,000 updates/s over 1,000 facilities, per --storage: p50/p99 ms";

    public async Task RunAsync(ScenarioContext context)
    {
        foreach (var kind in context.Options.Storages)
        {
            var store = BenchmarkStore.Create(kind, context.Options.Postgres);
            try
            {
                await RunOnAsync(context, store);
            }
            catch (Exception exception)
            {
                context.Fail($"{Prefix}.{store.Name}", exception);
            }
            finally
            {
                await store.DisposeAsync();
            }
        }
    }

    static async Task RunOnAsync(ScenarioContext context, BenchmarkStore store)
    {
        var options = context.Options;
        var report = context.Report;
        var size = options.Grains ?? 1_000;
        var name = $"{Prefix}.{store.Name}";
        var city = await BenchmarkCity.StartAsync(store, size);
        await using var silo = city.Silo;
        await city.RegisterAllAsync();
        // Closed-loop updates first, so the JIT has tiered the hot path up before the offered load starts.
        for (var round = 0; round < Math.Max(1, WarmupUpdates / size); round++)
            await city.ForAllAsync(1_000, i => city.Facilities[i].ReportStatusAsync(city.NextUpdate(i, DateTimeOffset.UtcNow)));
        await city.WaitForAggregateAsync(TimeSpan.FromMinutes(5));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix} on {store.Description}: {size} boiler houses, offered {Rate} updates/s round-robin, {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured"));

        var tracker = new DeltaTracker(size, city.Keys);
        var observer = silo.GrainFactory.CreateObjectReference<ICityObserver>(tracker);
        await city.Aggregate.SubscribeAsync(observer);

        var warmup = await OfferAsync(city, tracker, options.Warmup, measure: false);
        await Task.WhenAll(warmup.Calls);
        tracker.Reset();
        var before = RuntimeCounters.Take();
        context.StartAllocationProfile();
        var measured = await OfferAsync(city, tracker, options.Duration, measure: true);
        await Task.WhenAll(measured.Calls);
        await city.WaitForAggregateAsync(TimeSpan.FromMinutes(1));
        // The last deltas are on their way to the observer.
        var waited = Stopwatch.StartNew();
        while (tracker.Pending > 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);
        context.StopAllocationProfile(name);
        var costs = RuntimeCounters.Take() - before;
        await city.Aggregate.UnsubscribeAsync(observer);
        await silo.StopAsync();

        var latencies = new Percentiles(tracker.Latencies);
        report.Figure($"{name}.offered", measured.Sent / measured.Elapsed.TotalSeconds, "updates/s");
        report.Figure($"{name}.acknowledged", measured.AckTicks.Count, $"of {measured.Sent} updates");
        report.Figure($"{name}.p50", latencies.Microseconds(0.50) / 1000, "ms", 2);
        report.Figure($"{name}.p99", latencies.Microseconds(0.99) / 1000, "ms", 2);
        report.Figure($"{name}.p999", latencies.Microseconds(0.999) / 1000, "ms", 2);
        report.Figure($"{name}.max", latencies.Microseconds(1) / 1000, "ms", 2);
        report.Figure($"{name}.ack.p99", new Percentiles(measured.AckTicks).Microseconds(0.99) / 1000, "ms", 2);
        report.Figure($"{name}.matched", latencies.Count, $"of {measured.Sent} updates seen in a delta");
        report.Figure($"{name}.deltas", tracker.Deltas, "deltas");
        report.Costs(name, costs, measured.Sent, "update");
    }

    sealed record Offered(long Sent, TimeSpan Elapsed, List<Task> Calls, List<long> AckTicks);

    /// <summary>Sends updates at <see cref="Rate"/> for <paramref name="duration"/>, catching up in bursts when the timer is late.</summary>
    static async Task<Offered> OfferAsync(BenchmarkCity city, DeltaTracker tracker, TimeSpan duration, bool measure)
    {
        var calls = new List<Task>();
        var ackTicks = new List<long>();
        var sent = 0L;
        var started = Stopwatch.GetTimestamp();
        var total = (long)(Rate * duration.TotalSeconds);
        while (sent < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * Rate));
            for (; sent < due; sent++)
            {
                var index = (int)(sent % city.Size);
                calls.Add(SendAsync(city, tracker, index, measure, ackTicks));
            }
            await Task.Delay(1);
        }
        return new Offered(sent, Stopwatch.GetElapsedTime(started), calls, ackTicks);
    }

    static async Task SendAsync(BenchmarkCity city, DeltaTracker tracker, int index, bool measure, List<long> ackTicks)
    {
        var update = city.NextUpdate(index, DateTimeOffset.UtcNow);
        var sentAt = Stopwatch.GetTimestamp();
        if (measure)
            tracker.Expect(index, update.ObservedAt);
        await city.Facilities[index].ReportStatusAsync(update);
        var ackAt = Stopwatch.GetTimestamp();
        if (measure)
        {
            tracker.Acknowledged(index, update.ObservedAt, ackAt);
            lock (ackTicks)
                ackTicks.Add(ackAt - sentAt);
        }
    }

    /// <summary>The observer: matches each delta's facilities with the updates waiting for them.</summary>
    sealed class DeltaTracker(int size, string[] keys) : ICityObserver
    {
        readonly Dictionary<string, int> _indexes = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        readonly List<Waiting>[] _waiting = [.. Enumerable.Range(0, size).Select(_ => new List<Waiting>())];
        readonly List<long> _latencies = [];
        long _pending;
        long _deltas;

        public long Pending => Interlocked.Read(ref _pending);
        public long Deltas => Interlocked.Read(ref _deltas);

        public List<long> Latencies
        {
            get
            {
                lock (_latencies)
                    return [.. _latencies];
            }
        }

        public void Reset()
        {
            foreach (var list in _waiting)
            {
                lock (list)
                    list.Clear();
            }
            lock (_latencies)
                _latencies.Clear();
            Interlocked.Exchange(ref _pending, 0);
            Interlocked.Exchange(ref _deltas, 0);
        }

        public void Expect(int index, DateTimeOffset observedAt)
        {
            var list = _waiting[index];
            lock (list)
                list.Add(new Waiting(observedAt));
            Interlocked.Increment(ref _pending);
        }

        public void Acknowledged(int index, DateTimeOffset observedAt, long at)
        {
            var list = _waiting[index];
            lock (list)
            {
                var i = list.FindIndex(w => w.ObservedAt == observedAt);
                if (i < 0)
                    return;
                if (list[i].DeliveredAt is { } delivered)
                {
                    // The delta came before the caller heard back.
                    Record(Math.Max(0, delivered - at));
                    list.RemoveAt(i);
                    return;
                }
                list[i] = list[i] with { AcknowledgedAt = at };
            }
        }

        public Task OnCityDeltaAsync(CityDelta delta)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _deltas);
            foreach (var facility in delta.Facilities)
            {
                if (!_indexes.TryGetValue(facility.Key, out var index))
                    continue;
                var list = _waiting[index];
                lock (list)
                {
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        var waiting = list[i];
                        if (waiting.ObservedAt > facility.At || waiting.DeliveredAt is not null)
                            continue;
                        if (waiting.AcknowledgedAt is { } acknowledged)
                        {
                            Record(now - acknowledged);
                            list.RemoveAt(i);
                        }
                        else
                        {
                            list[i] = waiting with { DeliveredAt = now };
                        }
                    }
                }
            }
            return Task.CompletedTask;
        }

        void Record(long ticks)
        {
            lock (_latencies)
                _latencies.Add(ticks);
            Interlocked.Decrement(ref _pending);
        }

        sealed record Waiting(DateTimeOffset ObservedAt)
        {
            public long? AcknowledgedAt { get; init; }
            public long? DeliveredAt { get; init; }
        }
    }
}
