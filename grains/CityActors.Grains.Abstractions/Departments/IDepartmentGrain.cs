namespace CityActors.Grains.Departments;

/// <summary>One department (key: its id, such as <c>education</c>): what it owns and its reporting record.</summary>
public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>Registers the department or renames it; the same data again changes nothing.</summary>
    Task RegisterAsync(DepartmentRegistration registration, ChangeContext change);

    [ReadOnly]
    Task<DepartmentSnapshot> GetAsync();

    /// <summary>The department's reporting record for a year, as of now.</summary>
    [ReadOnly]
    Task<ReportingRecord> GetReportingRecordAsync(int year);

    /// <summary>The department as its journal stood at stream position <paramref name="position"/>: its name, projects and report arrivals then.</summary>
    [ReadOnly]
    Task<DepartmentAsOf> GetAsOfAsync(long position);

    /// <summary>Called by a project that names this department responsible; its event carries <paramref name="cause"/>, the project's change.</summary>
    Task AttachProjectAsync(string projectKey, int? startYear, int? endYear, ChangeContext cause);

    /// <summary>Called by a project when a yearly report of it is submitted; its event carries <paramref name="cause"/>, the report's change.</summary>
    /// <remarks>A report whose change comes from the city's Concept import counts as on time and not as an update the department sent.</remarks>
    Task RecordProjectReportAsync(string projectKey, int year, DateTimeOffset submittedAt, ChangeContext cause);

    /// <summary>Attaches many projects in one durable write (a bulk import, before it registers them); those already attached with the same period are skipped.</summary>
    Task AttachProjectsAsync(IReadOnlyList<ProjectAttachment> projects, ChangeContext cause);

    /// <summary>Records many report arrivals in one durable write; a project and year already recorded is skipped.</summary>
    Task RecordProjectReportsAsync(IReadOnlyList<ProjectReportArrival> reports, ChangeContext cause);
}
