namespace CityActors.Grains.Projects;

/// <summary>The base of a project's events.</summary>
public abstract record ProjectEvent : CityEvent;

/// <summary>The project was registered or its place, period or departments changed.</summary>
/// <param name="PreviousPriority">The priority before, when this changed it: the yearly counts move with it.</param>
/// <param name="ReportClasses">With <paramref name="PreviousPriority"/>: the status class of each year's report, to move.</param>
public sealed record ProjectRegistered(
    ProjectRegistration Registration,
    string? PreviousPriority = null,
    IReadOnlyDictionary<int, ProjectStatusClass>? ReportClasses = null) : ProjectEvent;

/// <summary>A yearly report was stored; <paramref name="PreviousClass"/> is the class of the report it replaced.</summary>
public sealed record ProjectReportSubmitted(string Priority, ProjectReport Report, ProjectStatusClass? PreviousClass) : ProjectEvent;

/// <summary>A yearly report was withdrawn: a new edition of that year's Concept report no longer has the project's row.</summary>
/// <param name="Report">The report withdrawn; its class no longer counts for its year.</param>
public sealed record ProjectReportWithdrawn(string Priority, ProjectReport Report) : ProjectEvent;
