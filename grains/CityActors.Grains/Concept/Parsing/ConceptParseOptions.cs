namespace CityActors.Grains.Concept.Parsing;

/// <summary>How <see cref="ConceptDocumentParser"/> reads: partial results, status rules and overrides, department list.</summary>
public sealed record ConceptParseOptions
{
    public static ConceptParseOptions Default { get; } = new();

    /// <summary>Return the document read so far even when there are errors; by default a document with errors is not returned.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>Status class by project key (e.g. <c>p1.g3.t2.pr1</c>); wins over the rules.</summary>
    public IReadOnlyDictionary<string, StatusClass> StatusOverrides { get; init; } = new Dictionary<string, StatusClass>();

    public StatusClassifier Classifier { get; init; } = StatusClassifier.Default;

    public DepartmentNames Departments { get; init; } = DepartmentNames.Default;
}
