namespace CityActors.Grains.Concept;

/// <summary>The Concept implementation report of one year: its priority tables in document order.</summary>
/// <remarks>Equality compares the whole tree, so two imports of one file compare equal.</remarks>
public sealed record ConceptDocument(int Year, IReadOnlyList<ConceptPriority> Priorities)
{
    public bool Equals(ConceptDocument? other) =>
        other is not null && Year == other.Year && SequenceEquality.Equal(Priorities, other.Priorities);

    public override int GetHashCode() => HashCode.Combine(Year, Priorities?.Count);
}
