namespace CityActors.Grains.Concept;

/// <summary>One priority table of the report.</summary>
/// <param name="Key">Deterministic key <c>p1</c>…<c>p6</c>: the position of the table.</param>
/// <param name="Number">Position of the table in the document, from 1.</param>
/// <param name="Title">The quoted priority name as the table title wrote it, e.g. <c>Ефективне місто</c>.</param>
/// <param name="Goals">The strategic goals in document order.</param>
public sealed record ConceptPriority(string Key, int Number, string Title, IReadOnlyList<StrategicGoal> Goals)
{
    public bool Equals(ConceptPriority? other) =>
        other is not null
        && Key == other.Key
        && Number == other.Number
        && Title == other.Title
        && SequenceEquality.Equal(Goals, other.Goals);

    public override int GetHashCode() => HashCode.Combine(Key, Number, Title);
}
