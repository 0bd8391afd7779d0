using System.Globalization;
using CityActors.Benchmarks.City;
using CityActors.Benchmarks.Storage;
using CityActors.Grains.Kinds;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>The managed heap that idle facility activations keep, with their state, per facility.</summary>
/// <remarks>
/// The facilities are registered and given one status report by a first silo; a second silo on the same SQLite file
/// then activates each of them from storage with one read, as after a restart, and the heap is measured once they are
/// idle (full collection before and after). What is counted: the activation, its journaled state, its last-seen state,
/// its offline timer and kind, and the catalog's entry for it.
/// </remarks>
internal sealed class FacilityMemoryScenario : IScenario
{
    const string Prefix = "facility-memory";

    public string Name => Prefix;

    public string Description => "heap of 100,000 idle facility activations with their state (SQLite): bytes/facility";

    public async Task RunAsync(ScenarioContext context)
    {
        var report = context.Report;
        var size = context.Options.Activations;
        var store = BenchmarkStore.Create(StorageKind.Sqlite, context.Options.Postgres);
        try
        {
            var first = await BenchmarkCity.StartAsync(store, size);
            await first.RegisterAllAsync();
            await first.ForAllAsync(1_000, i => first.Facilities[i].ReportStatusAsync(first.NextUpdate(i, DateTimeOffset.UtcNow)));
            await first.WaitForAggregateAsync(TimeSpan.FromMinutes(5));
            await first.Silo.StopAsync();

            var city = await BenchmarkCity.StartAsync(store, size);
            await using var silo = city.Silo;
            await city.AssertCountedAsync();
            // The kind registry is one grain for the whole city: active before the baseline, as in a running silo.
            await silo.GrainFactory.GetGrain<IKindRegistryGrain>("zhytomyr").GetKindsAsync();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var activationsBefore = silo.Silo.GetStatistics().Activations;
            await city.ForAllAsync(1_000, i => city.Facilities[i].GetSnapshotAsync());
            await Task.Delay(TimeSpan.FromSeconds(2));
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var activated = silo.Silo.GetStatistics().Activations - activationsBefore;
            if (activated != size)
                throw new InvalidOperationException($"Expected {size} facility activations, the silo has {activated} new ones.");
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix} on {store.Description}: {size} boiler houses registered with one status report each, activated from storage by one read after a restart, idle"));
            report.Figure(Prefix, (double)(heapAfter - heapBefore) / size, "bytes/facility");
            report.Figure($"{Prefix}.total", (heapAfter - heapBefore) / 1024.0 / 1024.0, "MiB", 1);
            GC.KeepAlive(city);
            await silo.StopAsync();
        }
        finally
        {
            await store.DisposeAsync();
        }
    }
}
