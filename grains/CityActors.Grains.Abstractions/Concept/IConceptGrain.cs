namespace CityActors.Grains.Concept;

/// <summary>The city's Concept of Integrated Development as imported (key: the city's name, such as <c>zhytomyr</c>).</summary>
public interface IConceptGrain : IGrainWithStringKey
{
    /// <summary>Priority → strategic goal → task → project, with each project's grain key and its status per imported year; empty before the first import.</summary>
    [ReadOnly]
    Task<ConceptTree> GetTreeAsync();

    /// <summary>The per-project status classes that win over the rules, by project grain key.</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<string, StatusClass>> GetStatusOverridesAsync();

    /// <summary>Gives a project a status class whatever its report text says (null: back to the rules), for every year it reports, now and at later imports.</summary>
    /// <exception cref="ValidationException">The key is not a project of the imported Concept.</exception>
    Task SetStatusOverrideAsync(string projectKey, StatusClass? statusClass, ChangeContext change);

    /// <summary>The imports that changed something, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConceptImportRecord>> GetImportsAsync();

    /// <summary>Called by the importer once a report's changes are applied: the structure of that report becomes the tree.</summary>
    Task RecordImportAsync(ConceptTree tree, ConceptImportRecord import);
}

/// <summary>One applied import of a Concept report: the file, its SHA-256, the year it reports on, when, by whom and how many entities it changed.</summary>
public sealed record ConceptImportRecord(string FileName, string Sha256, int Year, DateTimeOffset At, string By, int Changes);
