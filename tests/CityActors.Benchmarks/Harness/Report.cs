using System.Globalization;

namespace CityActors.Benchmarks.Harness;

/// <summary>Writes figures as <c>name: value unit</c> lines, one per figure, and notes as lines starting with <c>#</c>.</summary>
/// <remarks>
/// Notes never look like figures, so a script can grep figures without parsing the setup around them. Every figure is
/// also kept, so that repeated rounds can end with each figure's median (<see cref="Medians"/>).
/// </remarks>
internal sealed class Report(TextWriter output)
{
    readonly Dictionary<string, (List<double> Values, string Unit, int Decimals)> _figures = new(StringComparer.Ordinal);

    public void Figure(string name, double value, string unit, int decimals = 0)
    {
        Write(name, value, unit, decimals);
        if (!_figures.TryGetValue(name, out var figure))
            _figures[name] = figure = ([], unit, decimals);
        figure.Values.Add(value);
    }

    /// <summary>For each figure given more than once, its median as <c>name.median</c> and its range in a note, in the order first given.</summary>
    public void Medians()
    {
        foreach (var (name, (values, unit, decimals)) in _figures)
        {
            if (values.Count < 2)
                continue;
            var sorted = values.Order().ToList();
            var middle = sorted.Count / 2;
            var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            Write($"{name}.median", median, unit, decimals);
            Note($"{name}: {values.Count} runs, from {Format(sorted[0], decimals)} to {Format(sorted[^1], decimals)} {unit}");
        }
    }

    void Write(string name, double value, string unit, int decimals) => output.WriteLine($"{name}: {Format(value, decimals)} {unit}");

    static string Format(double value, int decimals)
        => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

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
