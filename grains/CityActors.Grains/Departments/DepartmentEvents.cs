namespace CityActors.Grains.Departments;

/// <summary>The base of a department's events.</summary>
public abstract record DepartmentEvent : CityEvent;

public sealed record DepartmentRegistered(DepartmentRegistration Registration) : DepartmentEvent;

/// <summary>A project named the department responsible.</summary>
public sealed record ProjectAttached(string ProjectKey, int? StartYear, int? EndYear) : DepartmentEvent;

/// <summary>A yearly report of one of its projects arrived; <paramref name="Imported"/>: through the city's Concept import, not from the department.</summary>
public sealed record ProjectReportRecorded(string ProjectKey, int Year, DateTimeOffset SubmittedAt, bool Imported = false) : DepartmentEvent;
