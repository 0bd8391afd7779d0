namespace CityActors.Grains.Concept;

/// <summary>The imported Concept: the latest report's structure, the years imported, status overrides and the import log.</summary>
public sealed record ConceptState
{
    /// <summary>The tree of the latest imported report, each project with that report's year only.</summary>
    public ConceptTree? Tree { get; init; }

    public IReadOnlyList<int> Years { get; init; } = [];

    /// <summary>The project grain keys of the latest imported edition of each year's report: a row a later edition drops is withdrawn.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Editions { get; init; } = new Dictionary<int, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, StatusClass> Overrides { get; init; } = new Dictionary<string, StatusClass>();

    public IReadOnlyList<ConceptImportRecord> Imports { get; init; } = [];

    /// <summary>Who set which override, newest last.</summary>
    public IReadOnlyList<StatusOverrideChange> OverrideChanges { get; init; } = [];
}

/// <summary>An override set or removed (null), and by whom.</summary>
public sealed record StatusOverrideChange(string ProjectKey, StatusClass? StatusClass, ChangeInfo Change);
