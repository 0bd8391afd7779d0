namespace CityActors.Grains.Departments;

/// <summary>A department's state: the fold of its journal.</summary>
public sealed record DepartmentState
{
    public DepartmentRegistration? Registration { get; init; }

    /// <summary>Its projects and their periods.</summary>
    public IReadOnlyDictionary<string, ProjectPeriod> Projects { get; init; } = new Dictionary<string, ProjectPeriod>();

    /// <summary>When the first report of each project and year arrived.</summary>
    public IReadOnlyList<ReportArrival> Reports { get; init; } = [];

    public DepartmentState Apply(DepartmentEvent @event) => @event switch
    {
        DepartmentRegistered registered => this with { Registration = registered.Registration },
        ProjectAttached attached => this with
        {
            Projects = new Dictionary<string, ProjectPeriod>(Projects) { [attached.ProjectKey] = new ProjectPeriod(attached.StartYear, attached.EndYear) },
        },
        ProjectReportRecorded recorded => this with { Reports = [.. Reports, new ReportArrival(recorded.ProjectKey, recorded.Year, recorded.SubmittedAt, recorded.Imported)] },
        _ => this,
    };
}

public sealed record ProjectPeriod(int? StartYear, int? EndYear)
{
    public bool Covers(int year) => (StartYear is null || StartYear <= year) && (EndYear is null || year <= EndYear);
}
