using System.Diagnostics;

namespace CityActors.Benchmarks.Harness;

/// <summary>Percentiles of latency samples taken as <see cref="Stopwatch"/> ticks.</summary>
internal sealed class Percentiles
{
    readonly long[] _sorted;

    public Percentiles(IEnumerable<long> ticks)
    {
        _sorted = [.. ticks];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    /// <summary>The nearest-rank percentile, in microseconds; <paramref name="fraction"/> is 0.5 for the median.</summary>
    public double Microseconds(double fraction)
    {
        if (_sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(fraction * _sorted.Length) - 1;
        return ToMicroseconds(_sorted[Math.Clamp(rank, 0, _sorted.Length - 1)]);
    }

    public double MeanMicroseconds => _sorted.Length == 0 ? double.NaN : ToMicroseconds(_sorted.Average());

    static double ToMicroseconds(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
