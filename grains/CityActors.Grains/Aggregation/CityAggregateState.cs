namespace CityActors.Grains.Aggregation;

/// <summary>The aggregate's state, written once per delivered batch.</summary>
public sealed record CityAggregateState
{
    /// <summary>The stream position of the last event counted: items at or before it are skipped when delivered again.</summary>
    public long Checkpoint { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public LiveRollup Live { get; init; } = new();
    public YearlyState Yearly { get; init; } = new();
}
