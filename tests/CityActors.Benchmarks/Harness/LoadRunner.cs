using System.Diagnostics;

namespace CityActors.Benchmarks.Harness;

/// <summary>What a closed-loop load did in its measured window.</summary>
/// <param name="Operations">Operations completed in the window, by every caller.</param>
/// <param name="Elapsed">The window.</param>
/// <param name="Costs">What the process spent in the window.</param>
/// <param name="PerCaller">Operations each caller completed in the window, sorted: how evenly the system served them.</param>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, RuntimeCounters Costs, long[] PerCaller)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Callers that completed nothing in the whole window: starved, or stuck on one call.</summary>
    public int IdleCallers => PerCaller.Count(c => c == 0);

    public double CallerRate(double fraction) => PerCaller.Length == 0
        ? 0
        : PerCaller[Math.Clamp((int)Math.Ceiling(fraction * PerCaller.Length) - 1, 0, PerCaller.Length - 1)] / Elapsed.TotalSeconds;
}

/// <summary>Closed-loop load: each caller awaits one call, then makes the next, until the run ends.</summary>
/// <remarks>
/// Counting starts after the warm-up, so tiered compilation, activation and the first writes are not in the
/// figure. Each caller counts in its own cache line: a shared counter would add the contention we measure.
/// Per-caller counts are kept because a total can hide a scheduler that serves a few callers and starves the rest.
/// </remarks>
internal static class LoadRunner
{
    const int Stride = 16;

    /// <summary>Runs <paramref name="callers"/> loops calling <paramref name="call"/>(caller, iteration).</summary>
    /// <remarks>The hooks run at the edges of the measured window, for figures of the system under test.</remarks>
    public static async Task<LoadResult> RunAsync(int callers, Func<int, long, Task> call, TimeSpan warmup, TimeSpan duration, Action? onMeasureStart = null, Action? onMeasureEnd = null)
    {
        var counts = new long[callers * Stride];
        using var stop = new CancellationTokenSource();
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            loops[c] = Task.Run(async () =>
            {
                long iteration = 0;
                while (!stop.IsCancellationRequested)
                {
                    await call(caller, iteration++);
                    Volatile.Write(ref counts[caller * Stride], iteration);
                }
            });
        }
        await Task.WhenAny(Task.Delay(warmup), Task.WhenAll(loops));
        ThrowIfFailed(loops);
        onMeasureStart?.Invoke();
        var startCounts = Snapshot(counts, callers);
        var before = RuntimeCounters.Take();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAny(Task.Delay(duration), Task.WhenAll(loops));
        var endCounts = Snapshot(counts, callers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = RuntimeCounters.Take();
        onMeasureEnd?.Invoke();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var perCaller = new long[callers];
        for (var c = 0; c < callers; c++)
            perCaller[c] = endCounts[c] - startCounts[c];
        Array.Sort(perCaller);
        return new LoadResult(perCaller.Sum(), elapsed, after - before, perCaller);
    }

    static long[] Snapshot(long[] counts, int callers)
    {
        var snapshot = new long[callers];
        for (var c = 0; c < callers; c++)
            snapshot[c] = Volatile.Read(ref counts[c * Stride]);
        return snapshot;
    }

    static void ThrowIfFailed(Task[] loops)
    {
        foreach (var loop in loops)
        {
            if (loop.IsFaulted)
                loop.GetAwaiter().GetResult();
        }
    }
}
