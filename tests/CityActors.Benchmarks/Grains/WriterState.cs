namespace CityActors.Benchmarks.Grains;

/// <summary>The state the write benchmark changes: a running total and the last few amounts.</summary>
/// <remarks>The list is capped so that every write serializes the same few hundred bytes, however long the run.</remarks>
public sealed class WriterState
{
    public const int RecentCapacity = 8;

    public long Total { get; set; }
    public long Writes { get; set; }
    public List<long> Recent { get; set; } = [];

    public void Add(long amount)
    {
        Total += amount;
        Writes++;
        if (Recent.Count == RecentCapacity)
            Recent.RemoveAt(0);
        Recent.Add(amount);
    }
}
