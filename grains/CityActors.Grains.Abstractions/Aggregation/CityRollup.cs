using CityActors.Grains.Alarms;

namespace CityActors.Grains.Aggregation;

/// <summary>The city's live rollup, for a page's first load; <see cref="CityDelta"/>s move it on.</summary>
/// <param name="Sequence">The stream position of the last event counted.</param>
/// <param name="KindStatus">Facilities per kind and effective status (<c>offline</c> overrides the reported status).</param>
/// <param name="Kinds">Counts per kind.</param>
/// <param name="Districts">Counts per district.</param>
/// <param name="Departments">Counts per owning department.</param>
/// <param name="Alarms">Active alarms by severity.</param>
public sealed record CityRollup(
    string City,
    long Sequence,
    DateTimeOffset At,
    RollupCounts Total,
    IReadOnlyList<KindStatusCount> KindStatus,
    IReadOnlyList<AreaCounts> Kinds,
    IReadOnlyList<AreaCounts> Districts,
    IReadOnlyList<AreaCounts> Departments,
    AlarmCounts Alarms);

/// <summary>Facilities of one kind in one effective status.</summary>
public readonly record struct KindStatusCount(string Kind, string Status, int Count);

/// <summary>Counts for one kind, district or department.</summary>
public readonly record struct AreaCounts(string Name, RollupCounts Counts);

/// <summary>How many facilities there are, how many do their job, how many are offline, and their active alarms.</summary>
public readonly record struct RollupCounts(int Facilities, int Available, int Offline, AlarmCounts Alarms)
{
    public static RollupCounts operator +(RollupCounts a, RollupCounts b)
        => new(a.Facilities + b.Facilities, a.Available + b.Available, a.Offline + b.Offline, a.Alarms + b.Alarms);

    public static RollupCounts operator -(RollupCounts a, RollupCounts b)
        => new(a.Facilities - b.Facilities, a.Available - b.Available, a.Offline - b.Offline, a.Alarms - b.Alarms);
}
