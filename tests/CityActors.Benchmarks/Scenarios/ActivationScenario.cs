using System.Diagnostics;
using System.Globalization;
using CityActors.Benchmarks.Grains;
using CityActors.Benchmarks.Harness;
using CityActors.Runtime;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>First calls on fresh keys: how fast grains activate, and what each live activation keeps on the heap.</summary>
internal sealed class ActivationScenario : IScenario
{
    const string Prefix = "activation";
    const int InFlight = 1_000;
    const int WarmupActivations = 20_000;

    public string Name => "activation";

    public string Description => "activate 100,000 new grains, 1,000 first calls in flight: activations/s, heap bytes per activation";

    public async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var report = context.Report;
        var count = options.Activations;
        var inFlight = options.Callers ?? InFlight;
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<PingGrain>().UseMemoryStorage());
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {count} fresh grains (PingGrain, no state), {inFlight} first calls in flight, after {WarmupActivations} warm-up activations; activations stay alive"));

        // The warm-up also grows the catalog past its first resizes, as a silo that has been up a while would be.
        await ActivateAsync(silo.GrainFactory, "warm", WarmupActivations, inFlight);
        var activationsBefore = silo.Silo.GetStatistics().Activations;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        context.StartAllocationProfile();
        var before = RuntimeCounters.Take();
        var started = Stopwatch.GetTimestamp();
        await ActivateAsync(silo.GrainFactory, "fresh", count, inFlight);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var costs = RuntimeCounters.Take() - before;
        context.StopAllocationProfile(Prefix);

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var activated = silo.Silo.GetStatistics().Activations - activationsBefore;
        if (activated != count)
            throw new InvalidOperationException($"Expected {count} new activations, the silo has {activated}.");

        report.Figure($"{Prefix}.throughput", count / elapsed.TotalSeconds, "activations/s");
        report.Figure($"{Prefix}.heap", (double)(heapAfter - heapBefore) / count, "bytes/activation");
        report.Costs(Prefix, costs, count, "activation");
        // Keeps the silo, and so every activation, reachable until the heap was measured.
        GC.KeepAlive(silo);
    }

    /// <summary>Makes the first call on <paramref name="count"/> grains, <paramref name="inFlight"/> at a time.</summary>
    static async Task ActivateAsync(IGrainFactory factory, string prefix, int count, int inFlight)
    {
        var next = -1;
        var workers = new Task[Math.Min(inFlight, count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                    await factory.GetGrain<IPingGrain>(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}")).PingAsync();
            });
        }
        await Task.WhenAll(workers);
    }
}
