using CityActors.Grains.Alarms;

namespace CityActors.Grains.Facilities;

/// <summary>One change in a facility's history, with who made it, when and why.</summary>
/// <param name="Version">Its place in the journal (the order it was received).</param>
/// <param name="What">What changed: <c>registered</c>, <c>status</c>, <c>alarm-raised</c>, <c>alarm-acknowledged</c>, <c>alarm-cleared</c>, <c>alarm-reminded</c>.</param>
/// <param name="ObservedAt">When it happened; history is ordered by it.</param>
/// <param name="ReceivedAt">When the city learned of it.</param>
/// <param name="Late">A status observed before the live state's: in the history, not in the live state.</param>
public sealed record FacilityHistoryEntry(
    long Version,
    string What,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt,
    string Source,
    string Id,
    string By,
    string? Reason,
    string? Status = null,
    IReadOnlyDictionary<string, double>? Readings = null,
    bool Late = false,
    string? AlarmType = null,
    AlarmSeverity? Severity = null,
    string? Message = null);
