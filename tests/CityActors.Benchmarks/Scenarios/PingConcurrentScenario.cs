using System.Globalization;
using CityActors.Benchmarks.Grains;
using CityActors.Benchmarks.Harness;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Many callers over many grains: the call throughput of the silo when every core is busy.</summary>
/// <remarks>
/// Caller c calls grains c, c + callers, c + 2 callers, ... in turn, so no two callers share a grain and no
/// call waits behind another in a grain's queue: the figure is the runtime's cost, not queueing.
/// </remarks>
internal sealed class PingConcurrentScenario : IScenario
{
    const string Prefix = "ping.concurrent";

    public string Name => "ping-concurrent";

    public string Description => "1,000 concurrent callers over 10,000 grains for --duration s: calls/s";

    public async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var callers = options.Callers ?? 1_000;
        var grainCount = Math.Max(options.Grains ?? 10_000, callers);
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<PingGrain>().UseMemoryStorage());
        var grains = new IPingGrain[grainCount];
        for (var i = 0; i < grainCount; i++)
            grains[i] = silo.GrainFactory.GetGrain<IPingGrain>(string.Create(CultureInfo.InvariantCulture, $"ping-{i}"));
        context.Report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {callers} callers over {grainCount} grains, memory storage, {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured"));

        var result = await LoadRunner.RunAsync(
            callers,
            (caller, iteration) => grains[(int)((caller + iteration * callers) % grainCount)].PingAsync(),
            options.Warmup,
            options.Duration,
            context.StartAllocationProfile,
            () => context.StopAllocationProfile(Prefix));

        context.Report.Figure($"{Prefix}.throughput", result.PerSecond, "calls/s");
        // Little's law: with every caller always waiting on one call, the mean time of a call is callers / rate.
        context.Report.Figure($"{Prefix}.latency.mean", callers / result.PerSecond * 1_000_000, "us", 1);
        context.Report.Fairness(Prefix, result, "calls/s");
        context.Report.Costs(Prefix, result.Costs, result.Operations, "call");
    }
}
