namespace CityActors.Grains.Concept.Parsing;

/// <summary>A Concept report could not be read; <see cref="Errors"/> name the file, line and reason of each problem.</summary>
public sealed class ConceptParseException : Exception
{
    public ConceptParseException()
        : this([])
    {
    }

    public ConceptParseException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConceptParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ConceptParseException(IReadOnlyList<ParseError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ParseError> Errors { get; }

    static string Describe(IReadOnlyList<ParseError> errors) => errors.Count switch
    {
        0 => "The Concept report could not be read.",
        1 => $"The Concept report could not be read: {errors[0]}",
        _ => $"The Concept report could not be read ({errors.Count} errors): {string.Join("; ", errors.Take(5))}",
    };
}
