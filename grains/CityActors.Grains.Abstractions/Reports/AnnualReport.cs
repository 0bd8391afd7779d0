using CityActors.Grains.Concept;

namespace CityActors.Grains.Reports;

/// <summary>The city's annual report: the Concept's implementation (part one), facility operations (part two) and departments' reporting (part three).</summary>
/// <param name="Version">The stored version, from 1.</param>
/// <param name="AsOf">The moment the report speaks for.</param>
/// <param name="Sequence">The position of the last event of the city's stream counted.</param>
/// <param name="ContentHash">SHA-256 (hex) of the content: year, moment, counts and the three parts; not the version or sequence.</param>
/// <param name="Concept">Part one, in the form of the city's Concept report for the year.</param>
/// <param name="Money">Part one's money: what the rows' reports for the year state, with the sums by priority and for the city.</param>
/// <param name="Operations">Part two: per facility kind, the year's figures, the previous year's where it exists, and each department's share.</param>
/// <param name="Districts">Part two by district: per district, its kinds' figures and the previous year's where it exists.</param>
/// <param name="Departments">Part three: each department's reporting record.</param>
public sealed record AnnualReport(
    int Year,
    int Version,
    DateTimeOffset AsOf,
    long Sequence,
    ReportCounts Counts,
    string ContentHash,
    ConceptDocument Concept,
    ConceptMoney Money,
    IReadOnlyList<KindOperations> Operations,
    IReadOnlyList<DistrictOperations> Districts,
    IReadOnlyList<DepartmentReporting> Departments);

/// <summary>One kind of facility in one district in the year.</summary>
public sealed record DistrictOperations(string District, string Kind, string KindName, OperationFigures Year, OperationFigures? Previous);

/// <summary>The year's events a report counts.</summary>
/// <param name="StatusChanges">Facility status changes recorded (heartbeats not counted).</param>
/// <param name="Outages">Outages that began in the year.</param>
/// <param name="Alarms">Alarms raised in the year.</param>
/// <param name="ProjectReports">Projects and tasks of part one with a report for the year.</param>
public sealed record ReportCounts(int StatusChanges, int Outages, int Alarms, int ProjectReports);

/// <summary>One kind of facility in the year.</summary>
/// <param name="Kind">The kind's id: <c>boiler-house</c>.</param>
/// <param name="Name">Its Ukrainian name: <c>Котельня</c>.</param>
/// <param name="Year">The sum over departments.</param>
/// <param name="Previous">The previous year's sum, when that year has figures.</param>
/// <param name="Departments">The figures of each owning department, by department id.</param>
public sealed record KindOperations(
    string Kind,
    string Name,
    OperationFigures Year,
    OperationFigures? Previous,
    IReadOnlyList<DepartmentOperations> Departments);

public sealed record DepartmentOperations(string Department, OperationFigures Figures);

/// <summary>Facility figures of a year that add up: sums of counts and times, from which rates are derived.</summary>
/// <param name="Registered">Facility time registered within the year.</param>
/// <param name="Downtime">Facility time not available within the year.</param>
/// <param name="RestoreTime">Total length of the outages that ended in the year.</param>
public sealed record OperationFigures(
    int AtStart,
    int AtEnd,
    TimeSpan Registered,
    TimeSpan Downtime,
    int Outages,
    int Restored,
    TimeSpan RestoreTime,
    int Alarms,
    int CriticalAlarms,
    int StatusChanges)
{
    /// <summary>Time available ÷ time registered, in percent; null when nothing was registered.</summary>
    public double? AvailabilityPercent => Registered > TimeSpan.Zero ? 100.0 * (Registered - Downtime).Ticks / Registered.Ticks : null;

    /// <summary>Mean length of the outages that ended in the year; null when none ended.</summary>
    public TimeSpan? MeanTimeToRestore => Restored > 0 ? TimeSpan.FromTicks(RestoreTime.Ticks / Restored) : null;

    public static OperationFigures Zero { get; } = new(0, 0, TimeSpan.Zero, TimeSpan.Zero, 0, 0, TimeSpan.Zero, 0, 0, 0);

    public static OperationFigures operator +(OperationFigures a, OperationFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.AtStart + b.AtStart, a.AtEnd + b.AtEnd, a.Registered + b.Registered, a.Downtime + b.Downtime, a.Outages + b.Outages,
            a.Restored + b.Restored, a.RestoreTime + b.RestoreTime, a.Alarms + b.Alarms, a.CriticalAlarms + b.CriticalAlarms, a.StatusChanges + b.StatusChanges);
    }

    public static OperationFigures Add(OperationFigures a, OperationFigures b) => a + b;
}

/// <summary>One department in the year: its name, its part in the report and its reporting record.</summary>
/// <param name="Id">Its grain key: <c>education</c>.</param>
/// <param name="Name">Its Ukrainian name, or the id when it never registered.</param>
/// <param name="Projects">Rows of part one it answers for.</param>
/// <param name="Facilities">Facilities it owned at the end of the year.</param>
/// <param name="UpdatesSent">Changes it sent that were recorded (facility status changes and project reports).</param>
/// <param name="ReportsDue">Project reports due for the year.</param>
/// <param name="Deadline">When they were due.</param>
public sealed record DepartmentReporting(
    string Id,
    string Name,
    int Projects,
    int Facilities,
    int UpdatesSent,
    int ReportsDue,
    int ReportsOnTime,
    int ReportsLate,
    int ReportsMissing,
    DateTimeOffset Deadline);
