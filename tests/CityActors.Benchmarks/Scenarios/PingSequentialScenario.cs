using System.Diagnostics;
using System.Globalization;
using CityActors.Benchmarks.Grains;
using CityActors.Benchmarks.Harness;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>One caller, one grain, one call at a time: the latency of a call through the whole runtime.</summary>
internal sealed class PingSequentialScenario : IScenario
{
    const string Prefix = "ping.sequential";

    public string Name => "ping-sequential";

    public string Description => "one caller awaits PingAsync() on one grain in a loop: median and p99 latency, calls/s";

    public async Task RunAsync(ScenarioContext context)
    {
        var options = context.Options;
        var report = context.Report;
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<PingGrain>().UseMemoryStorage());
        var grain = silo.GrainFactory.GetGrain<IPingGrain>("ping-0");
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: 1 caller, 1 grain, memory storage, {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured"));

        long warmupCalls = 0;
        var warmupStarted = Stopwatch.GetTimestamp();
        do
        {
            await grain.PingAsync();
            warmupCalls++;
        }
        while (Stopwatch.GetElapsedTime(warmupStarted) < options.Warmup);
        var warmupRate = warmupCalls / Math.Max(Stopwatch.GetElapsedTime(warmupStarted).TotalSeconds, 1e-3);

        // Sized from the warm-up so the list does not grow, and allocate, inside the measured window.
        var samples = new List<long>((int)Math.Min(warmupRate * options.Duration.TotalSeconds * 2, 50_000_000));
        context.StartAllocationProfile();
        var before = RuntimeCounters.Take();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            var callStarted = Stopwatch.GetTimestamp();
            await grain.PingAsync();
            now = Stopwatch.GetTimestamp();
            samples.Add(now - callStarted);
        }
        while (now < end);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var costs = RuntimeCounters.Take() - before;
        context.StopAllocationProfile(Prefix);

        var latencies = new Percentiles(samples);
        report.Figure($"{Prefix}.median", latencies.Microseconds(0.5), "us", 2);
        report.Figure($"{Prefix}.p90", latencies.Microseconds(0.9), "us", 2);
        report.Figure($"{Prefix}.p99", latencies.Microseconds(0.99), "us", 2);
        report.Figure($"{Prefix}.p99.9", latencies.Microseconds(0.999), "us", 2);
        report.Figure($"{Prefix}.mean", latencies.MeanMicroseconds, "us", 2);
        report.Figure($"{Prefix}.throughput", latencies.Count / elapsed.TotalSeconds, "calls/s");
        report.Costs(Prefix, costs, latencies.Count, "call");
    }
}
