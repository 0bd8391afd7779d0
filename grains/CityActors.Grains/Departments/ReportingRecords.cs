namespace CityActors.Grains.Departments;

/// <summary>How a department's reporting record is counted, from its projects and report arrivals, live or as of a stream position.</summary>
public static class ReportingRecords
{
    /// <param name="facilityUpdates">Status changes of its facilities recorded in the year, from the yearly figures.</param>
    /// <param name="now">Reports still missing count only once the deadline has passed by this moment.</param>
    public static ReportingRecord Of(DepartmentAsOf department, int year, int facilityUpdates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(department);
        var deadline = DepartmentGrain.Deadline(year);
        var due = department.Projects.Where(p => new ProjectPeriod(p.StartYear, p.EndYear).Covers(year)).Select(p => p.ProjectKey).ToHashSet(StringComparer.Ordinal);
        var arrived = department.Reports.Where(r => r.Year == year && due.Contains(r.ProjectKey)).ToList();
        var onTime = arrived.Count(r => r.Imported || r.SubmittedAt <= deadline);
        var missing = now > deadline ? due.Count - arrived.Count : 0;
        var updates = facilityUpdates + department.Reports.Count(r => !r.Imported && KyivCalendar.YearOf(r.SubmittedAt) == year);
        return new ReportingRecord(year, updates, due.Count, onTime, arrived.Count - onTime, missing, deadline);
    }
}
