using System.Globalization;

namespace CityActors.Benchmarks.Harness;

/// <summary>Writes figures as <c>name: value unit</c> lines, one per figure, and notes as lines starting with <c>#</c>.</summary>
/// <remarks>Notes never look like figures, so a script can grep figures without parsing the setup around them.</remarks>
internal sealed class Report(TextWriter output)
{
    public void Figure(string name, double value, string unit, int decimals = 0)
        => output.WriteLine($"{name}: {value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {unit}");

    public void Note(string text) => output.WriteLine($"# {text}");

    /// <summary>How evenly a closed-loop load served its callers: a fair scheduler keeps min close to max.</summary>
    public void Fairness(string prefix, LoadResult result, string unit)
    {
        Figure($"{prefix}.callers.idle", result.IdleCallers, $"of {result.PerCaller.Length} callers completed nothing");
        Figure($"{prefix}.per-caller.min", result.CallerRate(0), unit, 1);
        Figure($"{prefix}.per-caller.median", result.CallerRate(0.5), unit, 1);
        Figure($"{prefix}.per-caller.max", result.CallerRate(1), unit, 1);
    }

    /// <summary>The per-operation costs of a measured window: allocations, thread-pool work items, lock contention, collections.</summary>
    public void Costs(string prefix, RuntimeCounters delta, long operations, string perWhat)
    {
        if (operations <= 0)
            return;
        Figure($"{prefix}.alloc", (double)delta.AllocatedBytes / operations, $"bytes/{perWhat}");
        Figure($"{prefix}.threadpool-items", (double)delta.ThreadPoolItems / operations, $"items/{perWhat}", 2);
        Figure($"{prefix}.lock-contentions", (double)delta.LockContentions / operations * 1000, $"per 1000 {perWhat}s", 2);
        Figure($"{prefix}.gc.gen0", delta.Gen0Collections, "collections");
        Figure($"{prefix}.gc.gen1", delta.Gen1Collections, "collections");
        Figure($"{prefix}.gc.gen2", delta.Gen2Collections, "collections");
        Figure($"{prefix}.gc.pause", delta.Elapsed > TimeSpan.Zero ? delta.GcPause / delta.Elapsed * 100 : 0, "% of time", 1);
        // CPU time per operation moves less than throughput when other processes share the cores.
        Figure($"{prefix}.cpu-time", delta.ProcessorTime.TotalNanoseconds / operations, $"ns/{perWhat}");
        Figure($"{prefix}.cpu", delta.Elapsed > TimeSpan.Zero ? delta.ProcessorTime / delta.Elapsed * 100 : 0, $"% of one core ({Environment.ProcessorCount} cores)", 0);
    }
}
