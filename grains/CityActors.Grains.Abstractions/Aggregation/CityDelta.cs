using CityActors.Grains.Alarms;

namespace CityActors.Grains.Aggregation;

/// <summary>What changed in the city since the previous delta: only the entries that changed, each with its new value.</summary>
/// <remarks>Values are absolute, not increments, so a delta delivered twice does no harm.</remarks>
/// <param name="Sequence">The stream position of the last event included.</param>
/// <param name="Alarms">Active alarms by severity, when that changed.</param>
/// <param name="Facilities">The facilities whose rollup footprint changed, latest state only.</param>
/// <param name="AlarmNotices">Alarms raised, acknowledged, cleared or raised again, in order.</param>
public sealed record CityDelta(
    string City,
    long Sequence,
    DateTimeOffset At,
    RollupCounts? Total,
    IReadOnlyList<KindStatusCount> KindStatus,
    IReadOnlyList<AreaCounts> Kinds,
    IReadOnlyList<AreaCounts> Districts,
    IReadOnlyList<AreaCounts> Departments,
    AlarmCounts? Alarms,
    IReadOnlyList<FacilityChange> Facilities,
    IReadOnlyList<AlarmNotice> AlarmNotices);

/// <summary>A facility's new rollup footprint.</summary>
public sealed record FacilityChange(
    string Key,
    string Kind,
    string District,
    string Department,
    string Status,
    bool Available,
    bool Offline,
    AlarmCounts Alarms,
    DateTimeOffset At);

/// <summary>One step in an alarm's life, for the operator's alarm list.</summary>
public sealed record AlarmNotice(
    string FacilityKey,
    string Kind,
    string AlarmType,
    AlarmSeverity Severity,
    AlarmState State,
    int Reminders,
    DateTimeOffset At,
    string By,
    string Message);
