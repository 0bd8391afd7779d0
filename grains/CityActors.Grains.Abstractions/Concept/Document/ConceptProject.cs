namespace CityActors.Grains.Concept;

/// <summary>One report row of a task: a named project, or the task's own report when <see cref="Name"/> is empty.</summary>
/// <param name="Key">Deterministic key such as <c>p2.g1.t3.pr2</c>: ordinals in document order.</param>
/// <param name="Name">The project cell word for word (period and remarks included); empty for a task-level report.</param>
/// <param name="Period">The years of the project such as <c>2019-2030</c> when the name gives them.</param>
/// <param name="Departments">The responsible bodies in the order the cell lists them; may be empty.</param>
/// <param name="StatusText">What was done in the year; paragraphs separated by <c>\n</c>.</param>
/// <param name="StatusClass">The class the status rules (or an override for <paramref name="Key"/>) give the text.</param>
public sealed record ConceptProject(
    string Key,
    string Name,
    string? Period,
    IReadOnlyList<DepartmentRef> Departments,
    string StatusText,
    StatusClass StatusClass)
{
    public bool Equals(ConceptProject? other) =>
        other is not null
        && Key == other.Key
        && Name == other.Name
        && Period == other.Period
        && SequenceEquality.Equal(Departments, other.Departments)
        && StatusText == other.StatusText
        && StatusClass == other.StatusClass;

    public override int GetHashCode() => HashCode.Combine(Key, Name, StatusText, StatusClass);
}
