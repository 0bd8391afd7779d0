using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Concept.Parsing;
using CityActors.Grains.Tests.Support;

namespace CityActors.Grains.Tests.Imports;

/// <summary>A new edition of the same year's report that drops a row: the row's report is withdrawn by the import, and the yearly figures follow.</summary>
public sealed class ConceptEditionTests : IAsyncLifetime
{
    const string Priority = "Ефективне місто";
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    /// <summary>The 2025 report without line 12, "Індустріальний парк 2021-2030 роки" (task 3 of the first goal of "Ефективне місто").</summary>
    static string WithoutLine12 => string.Join('\n', SeedFile.ConceptReportText.Split('\n').Select((line, i) => i == 11 ? string.Empty : line));

    Task<ImportResult> ImportAsync(string text, bool dryRun = false, bool partial = false)
        => _silo.Importer.ImportConceptAsync(ImportSilo.Request(SeedFile.ConceptReport2025, text, dryRun, partial));

    ICityAggregateGrain Aggregate => _silo.Grains.GetGrain<ICityAggregateGrain>(ImportSilo.City);

    async Task<ConceptTreeProject> IndustrialParkAsync()
        => (await _silo.Concept.GetTreeAsync()).Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects)
            .Single(p => p.Name.StartsWith("Індустріальний парк", StringComparison.Ordinal));

    static int Counted(YearlyFigures figures, ProjectStatusClass statusClass)
        => figures.Projects.Where(p => p.Priority == Priority && p.StatusClass == statusClass).Sum(p => p.Projects);

    async Task<YearlyFigures> CountedAsync(int projects)
    {
        YearlyFigures figures = null!;
        await Eventually.TrueAsync(async () => (figures = await Aggregate.GetYearAsync(2025)).Projects.Sum(p => p.Projects) == projects, $"{projects} projects counted for 2025");
        return figures;
    }

    [Fact]
    public async Task ImportConceptAsync_NewEditionWithoutARow_WithdrawsItsReportAsAnImportEvent()
    {
        await ImportAsync(SeedFile.ConceptReportText);
        var park = await IndustrialParkAsync();
        var before = (await _silo.EventsAsync()).Count;

        var result = await ImportAsync(WithoutLine12);
        var added = (await _silo.EventsAsync()).Skip(before).ToList();
        var project = await _silo.Grains.GetGrain<IProjectGrain>(park.GrainKey).GetAsync();

        Assert.True(result.Applied);
        Assert.Equal(new ImportCounts("report", 0, 0, 212, 0, 1), result.Counts.Single(c => c.Entity == "report"));
        var change = Assert.Single(result.Changes);
        Assert.Equal(("report", park.GrainKey, ImportChangeKind.Withdrawn), (change.Entity, change.Key, change.Kind));
        Assert.Equal(["statusClass", "statusText"], change.Fields.Select(f => f.Field));
        Assert.All(change.Fields, f => Assert.Null(f.After));
        Assert.Equal([(park.GrainKey, "ProjectReportWithdrawn", "urn:zhytomyr:import:concept")], added);
        Assert.Empty(project.Reports);
        Assert.NotNull(project.Registration);
        Assert.DoesNotContain((await _silo.Concept.GetTreeAsync()).Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects), p => p.GrainKey == park.GrainKey);
    }

    [Fact]
    public async Task ImportConceptAsync_WithdrawnReport_TheYearlyFiguresStopCountingItsClass()
    {
        await ImportAsync(SeedFile.ConceptReportText);
        var park = await IndustrialParkAsync();
        var statusClass = StatusClasses.ToProject(Assert.Single(park.Years).StatusClass);
        var counted = Counted(await CountedAsync(213), statusClass);

        await ImportAsync(WithoutLine12);
        var after = await CountedAsync(212);
        var rebuilt = await Aggregate.RebuildYearAsync(2025);

        Assert.Equal(counted - 1, Counted(after, statusClass));
        Assert.Equal(after.Projects, rebuilt.Projects);
    }

    [Fact]
    public async Task ImportConceptAsync_TheOlderEditionAgain_SubmitsTheWithdrawnReportAgain()
    {
        await ImportAsync(SeedFile.ConceptReportText);
        await ImportAsync(WithoutLine12);
        var unchanged = await ImportAsync(WithoutLine12);

        var restored = await ImportAsync(SeedFile.ConceptReportText);

        Assert.Empty(unchanged.Changes);
        Assert.Equal(new ImportCounts("report", 1, 0, 212, 0, 0), restored.Counts.Single(c => c.Entity == "report"));
        await CountedAsync(213);
    }

    [Fact]
    public async Task ImportConceptAsync_DryRunOfANewEdition_ShowsTheWithdrawalAndWritesNothing()
    {
        await ImportAsync(SeedFile.ConceptReportText);
        var park = await IndustrialParkAsync();
        var before = (await _silo.EventsAsync()).Count;

        var result = await ImportAsync(WithoutLine12, dryRun: true);

        Assert.False(result.Applied);
        Assert.Equal(ImportChangeKind.Withdrawn, Assert.Single(result.Changes, c => c.Key == park.GrainKey).Kind);
        Assert.Equal(before, (await _silo.EventsAsync()).Count);
        Assert.Single((await _silo.Grains.GetGrain<IProjectGrain>(park.GrainKey).GetAsync()).Reports);
    }

    [Fact]
    public async Task ImportConceptAsync_PartialFileWithAnUnreadableRow_WithdrawsNothing()
    {
        await ImportAsync(SeedFile.ConceptReportText);
        var park = await IndustrialParkAsync();
        var truncated = string.Join('\n', WithoutLine12.Split('\n').Select((line, i) => i == 8 ? "1\tСтворити інформаційну платформу" : line));

        var result = await ImportAsync(truncated, partial: true);

        Assert.True(result.Applied);
        Assert.Contains(result.Errors, e => e.Line == 9);
        Assert.DoesNotContain(result.Changes, c => c.Kind == ImportChangeKind.Withdrawn);
        Assert.Single((await _silo.Grains.GetGrain<IProjectGrain>(park.GrainKey).GetAsync()).Reports);
    }
}
