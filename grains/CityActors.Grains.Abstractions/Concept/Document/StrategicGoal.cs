namespace CityActors.Grains.Concept;

/// <summary>A strategic goal of a priority and its tasks.</summary>
/// <param name="Key">Deterministic key such as <c>p2.g1</c>: positions, not printed numbers, so a repeated number stays unique.</param>
/// <param name="Number">The number the document printed (it may repeat), or the next number when it printed none.</param>
/// <param name="Title">The goal's title without markup.</param>
/// <param name="Tasks">The tasks in document order.</param>
public sealed record StrategicGoal(string Key, int Number, string Title, IReadOnlyList<ConceptTask> Tasks)
{
    public bool Equals(StrategicGoal? other) =>
        other is not null
        && Key == other.Key
        && Number == other.Number
        && Title == other.Title
        && SequenceEquality.Equal(Tasks, other.Tasks);

    public override int GetHashCode() => HashCode.Combine(Key, Number, Title);
}
