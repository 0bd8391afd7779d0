namespace CityActors.Grains.Concept;

/// <summary>The imported Concept: its priorities in document order and the years whose reports were imported.</summary>
/// <param name="City">The city's name.</param>
/// <param name="Years">The report years imported, oldest first; empty before the first import.</param>
/// <param name="Priorities">The structure of the latest imported year.</param>
public sealed record ConceptTree(string City, IReadOnlyList<int> Years, IReadOnlyList<ConceptTreePriority> Priorities);

/// <param name="Key">Position key <c>p1</c>…<c>p6</c>.</param>
/// <param name="Title">The priority's name as the document writes it: <c>Ефективне місто</c>.</param>
public sealed record ConceptTreePriority(string Key, int Number, string Title, IReadOnlyList<ConceptTreeGoal> Goals);

/// <param name="Key">Position key such as <c>p2.g1</c>.</param>
/// <param name="Number">The number the document printed.</param>
public sealed record ConceptTreeGoal(string Key, int Number, string Title, IReadOnlyList<ConceptTreeTask> Tasks);

/// <param name="Key">Position key such as <c>p2.g1.t3</c>.</param>
/// <param name="Description">The task text without its numbering.</param>
public sealed record ConceptTreeTask(string Key, int Number, string Description, IReadOnlyList<ConceptTreeProject> Projects);

/// <summary>A project of a task, or the task's own report when <see cref="Name"/> is empty.</summary>
/// <param name="GrainKey">The key of its <see cref="Projects.IProjectGrain"/>, stable across years' editions.</param>
/// <param name="Position">Its position key in the latest document, such as <c>p2.g1.t3.pr2</c>.</param>
/// <param name="Name">The project cell word for word; empty for a task-level report.</param>
/// <param name="Period">The years the name gives, such as <c>2019-2030</c>.</param>
/// <param name="Departments">The responsible departments in the document's order.</param>
/// <param name="Years">Its report per imported year, oldest first.</param>
public sealed record ConceptTreeProject(
    string GrainKey,
    string Position,
    string Name,
    string? Period,
    IReadOnlyList<ConceptTreeDepartment> Departments,
    IReadOnlyList<ConceptTreeYear> Years)
{
    public bool IsTaskReport => Name.Length == 0;
}

/// <summary>A responsible department: its grain key (<c>education</c>) and canonical name.</summary>
public sealed record ConceptTreeDepartment(string Id, string Name);

/// <summary>A project's report for one year: the class the rules (or an override) give it, and the text word for word.</summary>
/// <param name="Overridden">Whether the class comes from a per-project override rather than the rules.</param>
public sealed record ConceptTreeYear(int Year, StatusClass StatusClass, string StatusText, bool Overridden);
