using System.Diagnostics;

namespace CityActors.Benchmarks.Harness;

/// <summary>What a closed-loop load did in its measured window.</summary>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, RuntimeCounters Costs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>Closed-loop load: each caller awaits one call, then makes the next, until the run ends.</summary>
/// <remarks>
/// Counting starts after the warm-up, so tiered compilation, activation and the first writes are not in the
/// figure. Each caller counts in its own cache line: a shared counter would add the contention we measure.
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
        var startCount = Sum(counts);
        var before = RuntimeCounters.Take();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAny(Task.Delay(duration), Task.WhenAll(loops));
        var endCount = Sum(counts);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = RuntimeCounters.Take();
        onMeasureEnd?.Invoke();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return new LoadResult(endCount - startCount, elapsed, after - before);
    }

    static long Sum(long[] counts)
    {
        long sum = 0;
        for (var i = 0; i < counts.Length; i += Stride)
            sum += Volatile.Read(ref counts[i]);
        return sum;
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
