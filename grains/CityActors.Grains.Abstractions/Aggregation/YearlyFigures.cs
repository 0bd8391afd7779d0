using CityActors.Grains.Projects;

namespace CityActors.Grains.Aggregation;

/// <summary>The exact figures of one calendar year (Europe/Kyiv), as of a moment.</summary>
/// <param name="AsOf">The moment the open parts (running outages, facilities in service) are counted up to.</param>
/// <param name="Sequence">The stream position of the last event counted.</param>
public sealed record YearlyFigures(
    int Year,
    DateTimeOffset AsOf,
    long Sequence,
    IReadOnlyList<FacilityYearFigures> Facilities,
    IReadOnlyList<ProjectClassCount> Projects);

/// <summary>One kind of facility of one department in one year.</summary>
/// <param name="FacilitiesAtStart">Facilities registered at the start of the year.</param>
/// <param name="FacilitiesAtEnd">Facilities registered at the end of the year (now, for the current year).</param>
/// <param name="AvailabilityPercent">Facility time in service ÷ facility time registered, in the year; null when there was none.</param>
/// <param name="Outages">Outages (available → not available) that began in the year.</param>
/// <param name="Downtime">Facility time not available within the year.</param>
/// <param name="MeanTimeToRestore">Mean length of the outages that ended in the year.</param>
/// <param name="Restored">Outages that ended in the year.</param>
/// <param name="AlarmsRaised">Alarms raised in the year (any severity).</param>
/// <param name="CriticalAlarmsRaised">Critical alarms raised in the year.</param>
/// <param name="Updates">Recorded status changes (heartbeats not counted).</param>
/// <param name="Registered">Facility time registered within the year, the base of <paramref name="AvailabilityPercent"/>; lets groups be summed exactly.</param>
public sealed record FacilityYearFigures(
    string Kind,
    string Department,
    int FacilitiesAtStart,
    int FacilitiesAtEnd,
    double? AvailabilityPercent,
    int Outages,
    TimeSpan Downtime,
    TimeSpan? MeanTimeToRestore,
    int Restored,
    int AlarmsRaised,
    int CriticalAlarmsRaised,
    int Updates,
    TimeSpan Registered);

/// <summary>Projects of one priority whose report for the year has one status class.</summary>
public readonly record struct ProjectClassCount(string Priority, ProjectStatusClass StatusClass, int Projects);
