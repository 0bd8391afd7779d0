using System.Globalization;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using CityActors.Runtime;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>The shape shared by the durable scenarios: many callers making durable writes on each chosen storage.</summary>
/// <remarks>
/// Every grain is called once before the warm-up, so activation, the first read and the first insert of each
/// grain are outside the measured window, which then holds only steady-state writes.
/// </remarks>
internal sealed class DurableWriteLoad<TGrain>(
    string prefix,
    string unit,
    Action<SiloBuilder> addGrains,
    Func<IGrainFactory, string, TGrain> reference,
    Func<TGrain, long, Task> call)
{
    public async Task RunAsync(ScenarioContext context, string scenarioName)
    {
        var options = context.Options;
        var callers = options.Callers ?? 1_000;
        var grainCount = Math.Max(options.Grains ?? 10_000, callers);
        foreach (var kind in options.Storages)
        {
            var store = BenchmarkStore.Create(kind, options.Postgres);
            try
            {
                await RunOnAsync(context, scenarioName, store, callers, grainCount);
            }
            catch (Exception exception)
            {
                context.Fail($"{prefix}.{store.Name}", exception);
            }
            finally
            {
                try
                {
                    await store.DisposeAsync();
                }
                catch (Exception exception)
                {
                    context.Fail($"removing the {store.Name} store of {prefix}", exception);
                }
            }
        }
    }

    async Task RunOnAsync(ScenarioContext context, string scenarioName, BenchmarkStore store, int callers, int grainCount)
    {
        var options = context.Options;
        var report = context.Report;
        var name = $"{prefix}.{store.Name}";
        await using var silo = await TestSilo.StartAsync(s =>
        {
            addGrains(s);
            store.Configure(s);
        });
        var grains = new TGrain[grainCount];
        for (var i = 0; i < grainCount; i++)
            grains[i] = reference(silo.GrainFactory, string.Create(CultureInfo.InvariantCulture, $"{store.Name}-{i}"));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{scenarioName} on {store.Description}: {callers} callers over {grainCount} grains, every grain written once first, {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured"));

        await Parallel.ForEachAsync(Enumerable.Range(0, grainCount), new ParallelOptions { MaxDegreeOfParallelism = callers },
            async (i, _) => await call(grains[i], i));

        RuntimeStatistics? first = null, last = null;
        var result = await LoadRunner.RunAsync(
            callers,
            (caller, iteration) => call(grains[(int)((caller + iteration * callers) % grainCount)], iteration),
            options.Warmup,
            options.Duration,
            () =>
            {
                first = silo.Silo.GetStatistics();
                context.StartAllocationProfile();
            },
            () =>
            {
                last = silo.Silo.GetStatistics();
                context.StopAllocationProfile(name);
            });
        await silo.StopAsync();

        report.Figure(name, result.PerSecond, unit);
        report.Figure($"{name}.latency.mean", callers / result.PerSecond * 1000, "ms", 2);
        var batches = last!.StorageBatches - first!.StorageBatches;
        var operations = last.StorageOperations - first.StorageOperations;
        if (batches > 0)
        {
            report.Figure($"{name}.batches", batches / result.Elapsed.TotalSeconds, "batches/s", 1);
            report.Figure($"{name}.batch-size", (double)operations / batches, "operations/batch", 1);
            // The committer runs one batch at a time, so while it is saturated this is the time per batch.
            report.Figure($"{name}.batch-interval", result.Elapsed.TotalMilliseconds / batches, "ms", 2);
        }
        report.Fairness(name, result, unit);
        report.Costs(name, result.Costs, result.Operations, "write");
    }
}
