namespace CityActors.Grains.Concept;

/// <summary>Something the reader repaired or assumed while reading a document, with where it happened.</summary>
public sealed record ParseWarning(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
