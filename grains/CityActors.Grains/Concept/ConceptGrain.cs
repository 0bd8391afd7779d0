using System.Text.Json;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Concept;

/// <summary>The Concept's structure as last imported; the projects' yearly reports stay in their own grains and are read from there.</summary>
[GrainType("concept")]
public sealed class ConceptGrain([PersistentState("concept")] IPersistentState<ConceptState> state, TimeProvider time) : Grain, IConceptGrain
{
    public async Task<ConceptTree> GetTreeAsync()
    {
        var tree = state.State.Tree;
        if (tree is null)
            return new ConceptTree(GrainId.Key, [], []);
        var keys = tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Select(p => p.GrainKey).ToList();
        var snapshots = new List<ProjectSnapshot>(keys.Count);
        foreach (var chunk in keys.Chunk(16)) // a project activated here reads its journal on a database connection of its own
            snapshots.AddRange(await Task.WhenAll(chunk.Select(k => GrainFactory.GetGrain<IProjectGrain>(k).GetAsync())));
        var years = snapshots.ToDictionary(s => s.Key, s => Years(s, state.State.Overrides.ContainsKey(s.Key)), StringComparer.Ordinal);
        var reportYears = state.State.Years.Union(snapshots.SelectMany(s => s.Reports.Select(r => r.Report.Year))).Order().ToList();
        return tree with
        {
            Years = reportYears,
            Priorities = [.. tree.Priorities.Select(p => p with
            {
                Goals = [.. p.Goals.Select(g => g with
                {
                    Tasks = [.. g.Tasks.Select(t => t with { Projects = [.. t.Projects.Select(pr => pr with { Years = years[pr.GrainKey] })] })],
                })],
            })],
        };
    }

    public Task<IReadOnlyDictionary<string, StatusClass>> GetStatusOverridesAsync() => Task.FromResult(state.State.Overrides);

    public Task<IReadOnlyList<ConceptImportRecord>> GetImportsAsync() => Task.FromResult(state.State.Imports);

    public Task<IReadOnlyList<string>> GetEditionAsync(int year)
    {
        if (state.State.Editions.TryGetValue(year, out var edition))
            return Task.FromResult(edition);
        // Imported before editions were kept: the tree is the latest year's edition.
        IReadOnlyList<string> keys = state.State.Tree is { } tree && tree.Years.Contains(year) ? Keys(tree) : [];
        return Task.FromResult(keys);
    }

    public Task<IReadOnlyList<StatusRuleInfo>> GetStatusRulesAsync()
        => Task.FromResult<IReadOnlyList<StatusRuleInfo>>([.. StatusRules.Default.Select((r, i) => new StatusRuleInfo(i + 1, r.Class, r.Why, r.Pattern.ToString()))]);

    public async Task SetStatusOverrideAsync(string projectKey, StatusClass? statusClass, ChangeContext change)
    {
        ChangeValidation.Validate(change);
        if (string.IsNullOrEmpty(projectKey) || state.State.Tree is not { } tree
            || !tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Any(p => p.GrainKey == projectKey))
            throw new ValidationException("projectKey", "is not a project of the imported Concept.");
        if (statusClass is { } value && !Enum.IsDefined(value))
            throw new ValidationException("statusClass", "is not a known status class.");
        if (state.State.Overrides.TryGetValue(projectKey, out var current) ? current != statusClass : statusClass is not null)
        {
            var overrides = new Dictionary<string, StatusClass>(state.State.Overrides, StringComparer.Ordinal);
            if (statusClass is { } set)
                overrides[projectKey] = set;
            else
                overrides.Remove(projectKey);
            var audit = new StatusOverrideChange(projectKey, statusClass, ChangeInfo.From(change, time.GetUtcNow()));
            state.State = state.State with { Overrides = overrides, OverrideChanges = [.. state.State.OverrideChanges.TakeLast(499), audit] };
            await state.WriteStateAsync();
        }

        // The project's stored reports follow; a retry after a failure here finishes the job.
        var project = GrainFactory.GetGrain<IProjectGrain>(projectKey);
        foreach (var submitted in (await project.GetAsync()).Reports)
        {
            var wanted = StatusClasses.ToProject(statusClass ?? StatusClassifier.Default.Classify(submitted.Report.StatusText));
            if (submitted.Report.StatusClass != wanted)
                await project.SubmitReportAsync(submitted.Report with { StatusClass = wanted }, change with { Id = $"{change.Id}:{submitted.Report.Year}" });
        }
    }

    public async Task RecordImportAsync(ConceptTree tree, ConceptImportRecord import, IReadOnlyList<string> edition)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(edition);
        var latest = state.State.Years.Count == 0 || import.Year >= state.State.Years.Max();
        var editionKnown = state.State.Editions.TryGetValue(import.Year, out var known) && known.SequenceEqual(edition, StringComparer.Ordinal);
        // An import that changed nothing leaves no trace, unless the tree it gives is missing (grains that were there before the Concept).
        if (import.Changes == 0 && state.State.Years.Contains(import.Year) && editionKnown
            && (!latest || JsonSerializer.Serialize(state.State.Tree) == JsonSerializer.Serialize(tree)))
            return;
        state.State = state.State with
        {
            Tree = latest ? tree : state.State.Tree,
            Years = [.. state.State.Years.Append(import.Year).Distinct().Order()],
            Editions = new Dictionary<int, IReadOnlyList<string>>(state.State.Editions) { [import.Year] = [.. edition] },
            Imports = [.. state.State.Imports.TakeLast(199), import],
        };
        await state.WriteStateAsync();
    }

    static List<string> Keys(ConceptTree tree)
        => [.. tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Select(p => p.GrainKey)];

    static IReadOnlyList<ConceptTreeYear> Years(ProjectSnapshot snapshot, bool overridden) => [.. snapshot.Reports.Select(r => new ConceptTreeYear(
        r.Report.Year, StatusClasses.ToConcept(r.Report.StatusClass), r.Report.StatusText, overridden))];
}
