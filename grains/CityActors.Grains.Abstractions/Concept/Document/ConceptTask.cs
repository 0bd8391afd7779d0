namespace CityActors.Grains.Concept;

/// <summary>A numbered task of a strategic goal with its report rows in document order.</summary>
/// <param name="Key">Deterministic key such as <c>p2.g1.t3</c>.</param>
/// <param name="Number">The number the document printed, or the next number when it printed none.</param>
/// <param name="Description">The task text without its numbering (Green city writes <c>1.2.</c> in front).</param>
/// <param name="Projects">The report rows in document order: named projects and the task's own reports.</param>
public sealed record ConceptTask(string Key, int Number, string Description, IReadOnlyList<ConceptProject> Projects)
{
    public bool Equals(ConceptTask? other) =>
        other is not null
        && Key == other.Key
        && Number == other.Number
        && Description == other.Description
        && SequenceEquality.Equal(Projects, other.Projects);

    public override int GetHashCode() => HashCode.Combine(Key, Number, Description);
}
