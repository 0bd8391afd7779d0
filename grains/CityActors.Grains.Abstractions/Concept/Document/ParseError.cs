namespace CityActors.Grains.Concept;

/// <summary>Why a document could not be read: the file, the 1-based line and the reason.</summary>
public sealed record ParseError(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
