using CityActors.Grains.Access;
using CityActors.Grains.Concept;
using CityActors.Grains.Projects;

namespace CityActors.ClientApi.Contracts;

/// <summary>Who the key in use belongs to.</summary>
public sealed record CallerInfo(string KeyId, string Name, ApiRole? Role, string? Department);

/// <summary>A project of the Concept with where it sits: priority → strategic goal → task.</summary>
public sealed record ProjectListing(
    string Key,
    string Position,
    string Priority,
    string StrategicGoal,
    string Task,
    string Name,
    string? Period,
    IReadOnlyList<ConceptTreeDepartment> Departments,
    IReadOnlyList<ConceptTreeYear> Years);

/// <summary>A project with its registration and yearly reports.</summary>
public sealed record ProjectDetails(ProjectListing? Concept, ProjectSnapshot Project);

/// <summary>A project's report for one year, as a department submits it.</summary>
public sealed record ProjectReportRequest(
    string StatusText,
    ProjectStatusClass StatusClass,
    double? CompletionPercent = null,
    decimal? MoneyPlanned = null,
    decimal? MoneySpent = null,
    string? Reason = null);

/// <summary>A status class a planner gives a project whatever its report text says, and why.</summary>
public sealed record StatusOverrideRequest(StatusClass StatusClass, string? Reason = null);

/// <summary>A department as listed.</summary>
public sealed record DepartmentListing(string Id, string? Name);

/// <summary>One page of the audit.</summary>
public sealed record AuditPage(IReadOnlyList<Grains.Audit.AuditEntry> Items, int Total, int Offset, int Limit);
