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

    /// <summary>The project grain keys of the latest imported edition of a year's report; empty when none was imported.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetEditionAsync(int year);

    /// <summary>The ordered rules that give a report text its status class: the first that matches decides.</summary>
    [ReadOnly]
    Task<IReadOnlyList<StatusRuleInfo>> GetStatusRulesAsync();

    /// <summary>Called by the importer once a report's changes are applied: the structure of that report becomes the tree, and <paramref name="edition"/> the year's project keys.</summary>
    Task RecordImportAsync(ConceptTree tree, ConceptImportRecord import, IReadOnlyList<string> edition);
}

/// <summary>One applied import of a Concept report: the file, its SHA-256, the year it reports on, when, by whom and how many entities it changed.</summary>
public sealed record ConceptImportRecord(string FileName, string Sha256, int Year, DateTimeOffset At, string By, int Changes);

/// <summary>One rule of the status rule table.</summary>
/// <param name="Order">Its place in the table, from 1: the first rule that matches a report text decides.</param>
/// <param name="StatusClass">The class a matching report gets.</param>
/// <param name="Recognises">What it recognises, in words.</param>
/// <param name="Pattern">The .NET regular expression matched against the report text in lower case, apostrophes normalised to <c>'</c>.</param>
public sealed record StatusRuleInfo(int Order, StatusClass StatusClass, string Recognises, string Pattern);
