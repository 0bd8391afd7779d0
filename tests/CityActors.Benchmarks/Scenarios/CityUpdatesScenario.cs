using System.Globalization;
using CityActors.Benchmarks.City;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using CityActors.Grains.Facilities;
using CityActors.Runtime.Hosting;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Status updates applied durably in-process: the facility's turn, its journal, the city stream and the aggregate.</summary>
/// <remarks>
/// Each caller sends one update at a time (closed loop) and counts it when <see cref="IFacilityGrain.ReportStatusAsync"/>
/// returns, which is after the event is durable. The aggregate counts the same events from the stream; its rate in the
/// window and how far it is behind at the end say whether it keeps up, and the run fails if it ever miscounts.
/// </remarks>
internal sealed class CityUpdatesScenario : IScenario
{
    const string Prefix = "city-updates";
    const int WarmupUpdates = 100_000;
    static readonly int[] s_sizes = [1_000, 100_000];

    public string Name => Prefix;

    public string Description => "status updates through FacilityGrain + journal + stream + aggregate, 1,000 callers, cities of 1,000 and 100,000 facilities, per --storage: updates/s";

    public async Task RunAsync(ScenarioContext context)
    {
        var sizes = context.Options.Grains is { } grains ? [grains] : s_sizes;
        foreach (var kind in context.Options.Storages)
        {
            foreach (var size in sizes)
            {
                var store = BenchmarkStore.Create(kind, context.Options.Postgres);
                try
                {
                    await RunOnAsync(context, store, size);
                }
                catch (Exception exception)
                {
                    context.Fail($"{Prefix}.{store.Name}.{size}", exception);
                }
                finally
                {
                    await store.DisposeAsync();
                }
            }
        }
    }

    static async Task RunOnAsync(ScenarioContext context, BenchmarkStore store, int size)
    {
        var options = context.Options;
        var report = context.Report;
        var callers = Math.Min(options.Callers ?? 1_000, size);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{store.Name}.{size}");
        var city = await BenchmarkCity.StartAsync(store, size);
        await using var silo = city.Silo;
        await city.RegisterAllAsync();
        // Updates before the warm-up: activation and the first report of every facility stay out of the window, and a
        // small city gets as many calls as a big one first, so the JIT has tiered the hot path up in both (on a busy
        // machine its background compiler is slow to get there, and a short timed warm-up would measure unoptimized code).
        for (var round = 0; round < Math.Max(1, WarmupUpdates / size); round++)
            await city.ForAllAsync(callers, i => city.Facilities[i].ReportStatusAsync(city.NextUpdate(i, DateTimeOffset.UtcNow)));
        await city.WaitForAggregateAsync(TimeSpan.FromMinutes(5));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix} on {store.Description}: {size} boiler houses, {callers} callers each updating its own facilities in turn (operating <-> standby, one event per update), {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured"));

        long notApplied = 0;
        long aggregateStart = 0, aggregateEnd = 0, headEnd = 0;
        RuntimeStatistics? first = null, last = null;
        var result = await LoadRunner.RunAsync(
            callers,
            async (caller, iteration) =>
            {
                var index = (int)((caller + iteration * callers) % size);
                var outcome = await city.Facilities[index].ReportStatusAsync(city.NextUpdate(index, DateTimeOffset.UtcNow));
                if (outcome.Outcome != UpdateOutcome.Applied)
                    Interlocked.Increment(ref notApplied);
            },
            options.Warmup,
            options.Duration,
            () =>
            {
                aggregateStart = city.Aggregate.GetRollupAsync().GetAwaiter().GetResult().Sequence;
                first = silo.Silo.GetStatistics();
                context.StartAllocationProfile();
            },
            () =>
            {
                last = silo.Silo.GetStatistics();
                // The aggregate first: read after the head, it could count events committed in between.
                aggregateEnd = city.Aggregate.GetRollupAsync().GetAwaiter().GetResult().Sequence;
                headEnd = city.HighWaterMark;
                context.StopAllocationProfile(name);
            });
        var catchUp = await city.WaitForAggregateAsync(TimeSpan.FromMinutes(5));
        await city.AssertCountedAsync();
        if (notApplied > 0)
            throw new InvalidOperationException($"{notApplied} updates were not applied as changes; the scenario means every one to change the status.");
        await silo.StopAsync();

        report.Figure(name, result.PerSecond, "updates/s");
        report.Figure($"{name}.latency.mean", callers / result.PerSecond * 1000, "ms", 2);
        report.Figure($"{name}.aggregate", (aggregateEnd - aggregateStart) / result.Elapsed.TotalSeconds, "events/s");
        report.Figure($"{name}.aggregate.lag-at-end", headEnd - aggregateEnd, "events");
        report.Figure($"{name}.aggregate.catch-up", catchUp.TotalMilliseconds, "ms");
        var batches = last!.StorageBatches - first!.StorageBatches;
        if (batches > 0)
        {
            report.Figure($"{name}.batches", batches / result.Elapsed.TotalSeconds, "batches/s", 1);
            report.Figure($"{name}.batch-size", (double)(last.StorageOperations - first.StorageOperations) / batches, "operations/batch", 1);
        }
        report.Fairness(name, result, "updates/s");
        report.Costs(name, result.Costs, result.Operations, "update");
    }
}
