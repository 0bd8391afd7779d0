namespace CityActors.Grains.Concept;

/// <summary>The outcome of reading a Concept report: the document (null on errors unless partial results were asked for), errors and warnings.</summary>
public sealed record ConceptParseResult(
    ConceptDocument? Document,
    IReadOnlyList<ParseError> Errors,
    IReadOnlyList<ParseWarning> Warnings)
{
    public bool Succeeded => Errors.Count == 0 && Document is not null;

    /// <summary>The line of the file each report row starts on, by project key (<c>p1.g1.t1.pr1</c> → 9).</summary>
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of each priority table's title, by priority key (<c>p1</c> → 3).</summary>
    public IReadOnlyDictionary<string, int> TableLines { get; init; } = new Dictionary<string, int>();
}
