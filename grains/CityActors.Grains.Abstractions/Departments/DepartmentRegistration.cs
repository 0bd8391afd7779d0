namespace CityActors.Grains.Departments;

/// <summary>A department of the city council's executive bodies.</summary>
/// <param name="Name">Its name as the city's documents write it: <c>Департамент освіти міської ради</c>.</param>
/// <param name="NameEn">English name.</param>
public sealed record DepartmentRegistration(string Name, string NameEn);

/// <summary>A department: what it owns and its projects.</summary>
/// <param name="FacilitiesByKind">Facilities it owns now, by kind (from the city's live rollup).</param>
/// <param name="Projects">Keys of the projects it answers for.</param>
public sealed record DepartmentSnapshot(
    string Key,
    DepartmentRegistration? Registration,
    IReadOnlyDictionary<string, int> FacilitiesByKind,
    IReadOnlyList<string> Projects);

/// <summary>How a department reported in one year.</summary>
/// <param name="UpdatesSent">Changes it sent that were recorded: facility status changes and project reports (heartbeats not counted).</param>
/// <param name="ReportsDue">Yearly project reports due for the year: its projects whose period covers it.</param>
/// <param name="ReportsOnTime">Reports submitted by the deadline.</param>
/// <param name="ReportsLate">Reports submitted after the deadline.</param>
/// <param name="ReportsMissing">Reports not submitted once the deadline passed.</param>
/// <param name="Deadline">When the year's reports are due (Europe/Kyiv).</param>
public sealed record ReportingRecord(
    int Year,
    int UpdatesSent,
    int ReportsDue,
    int ReportsOnTime,
    int ReportsLate,
    int ReportsMissing,
    DateTimeOffset Deadline);

/// <summary>A department as its journal stood at one stream position: what a report built at that position reads.</summary>
/// <param name="Projects">The projects it answered for, by key.</param>
/// <param name="Reports">The first arrival of each project's yearly report, in the order they arrived.</param>
public sealed record DepartmentAsOf(
    string Key,
    DepartmentRegistration? Registration,
    IReadOnlyList<ProjectAttachment> Projects,
    IReadOnlyList<ReportArrival> Reports);

/// <summary>A project a department answers for, and its period.</summary>
public sealed record ProjectAttachment(string ProjectKey, int? StartYear, int? EndYear);

/// <summary>A yearly report of one of a department's projects, and when it was submitted.</summary>
public sealed record ProjectReportArrival(string ProjectKey, int Year, DateTimeOffset SubmittedAt);

/// <summary>The first arrival of a project's yearly report, as the department recorded it.</summary>
/// <param name="Imported">Loaded by a Concept import: on time whenever it was loaded, and not an update the department sent.</param>
public sealed record ReportArrival(string ProjectKey, int Year, DateTimeOffset SubmittedAt, bool Imported = false);
