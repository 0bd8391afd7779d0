using System.Text;
using CityActors.Grains.Concept;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Concept.Parsing;

namespace CityActors.Grains.Tests.Imports;

/// <summary>Re-imports, changed files, dry runs, malformed files and status overrides, on SQLite.</summary>
public sealed class ConceptImportTests : IAsyncLifetime
{
    const string Platform = "p1.g1.t1.biznes-platforma";
    const string Revitalisation = "p3.g1.t2.revitalizatsiia-bahatopoverkhivok";
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    static string Text => SeedFile.ConceptReportText;

    static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    static string Line(int line) => Text.Split('\n')[line - 1];

    Task<ImportResult> ImportAsync(string text, bool dryRun = false, bool partial = false)
        => _silo.Importer.ImportConceptAsync(ImportSilo.Request(SeedFile.ConceptReport2025, text, dryRun, partial));

    static ImportCounts Counts(ImportResult result, string entity) => result.Counts.Single(c => c.Entity == entity);

    [Fact]
    public async Task ImportConceptAsync_SameFileTwice_SecondChangesNothing()
    {
        await ImportAsync(Text);
        var events = (await _silo.EventsAsync()).Count;
        var version = (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Version;

        var second = await ImportAsync(Text);

        Assert.True(second.Applied);
        Assert.Empty(second.Changes);
        Assert.Equal(new ImportCounts("department", 0, 0, 22, 0), Counts(second, "department"));
        Assert.Equal(new ImportCounts("project", 0, 0, 213, 0), Counts(second, "project"));
        Assert.Equal(new ImportCounts("report", 0, 0, 213, 0), Counts(second, "report"));
        Assert.Equal(events, (await _silo.EventsAsync()).Count);
        Assert.Equal(version, (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Version);
        Assert.Single(await _silo.Concept.GetImportsAsync());
    }

    [Fact]
    public async Task ImportConceptAsync_ChangedFile_RecordsOnlyTheDifferencesAsImportEvents()
    {
        await ImportAsync(Text);
        var before = (await _silo.EventsAsync()).Count;
        var changed = ReplaceLine(Text, 9, Line(9).Replace("оприлюднювалась інформація", "оприлюднено інформацію", StringComparison.Ordinal));
        changed = ReplaceLine(changed, 119, Line(119).Replace("Департамент містобудування та архітектури міської ради", "Департамент містобудування та земельних відносин міської ради", StringComparison.Ordinal));

        var result = await ImportAsync(changed);
        var events = (await _silo.EventsAsync()).Skip(before).ToList();

        Assert.Equal(new ImportCounts("project", 0, 1, 212, 0), Counts(result, "project"));
        Assert.Equal(new ImportCounts("report", 0, 1, 212, 0), Counts(result, "report"));
        Assert.Equal(new ImportCounts("department", 0, 0, 22, 0), Counts(result, "department"));
        var spelling = Assert.Single(result.Changes, c => c.Entity == "project");
        Assert.Equal((Revitalisation, 119), (spelling.Key, spelling.Line!.Value));
        Assert.Equal("departmentSpellings", Assert.Single(spelling.Fields).Field);
        var text = Assert.Single(result.Changes, c => c.Entity == "report");
        Assert.Equal((Platform, 9, "statusText"), (text.Key, text.Line!.Value, Assert.Single(text.Fields).Field));
        Assert.Equal(
            [(Revitalisation, "ProjectRegistered", "urn:zhytomyr:import:concept"), (Platform, "ProjectReportSubmitted", "urn:zhytomyr:import:concept")],
            events.OrderBy(e => e.Type, StringComparer.Ordinal));
        Assert.Contains("оприлюднено інформацію", (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Reports[0].Report.StatusText, StringComparison.Ordinal);
        Assert.Equal(2, (await _silo.Concept.GetImportsAsync()).Count);
    }

    [Fact]
    public async Task ImportConceptAsync_FileThenAnEditThenTheFileAgain_TheLastImportWins()
    {
        var edited = ReplaceLine(Text, 9, Line(9).Replace("оприлюднювалась інформація", "оприлюднено інформацію", StringComparison.Ordinal));
        await ImportAsync(Text);
        await ImportAsync(edited);

        var again = await ImportAsync(Text);

        Assert.Equal(new ImportCounts("report", 0, 1, 212, 0), Counts(again, "report"));
        Assert.Contains("оприлюднювалась інформація", (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Reports[0].Report.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportConceptAsync_DryRun_ListsTheChangesAndWritesNothing()
    {
        var result = await ImportAsync(Text, dryRun: true);

        Assert.False(result.Applied);
        Assert.True(result.DryRun);
        Assert.Equal(new ImportCounts("project", 213, 0, 0, 0), Counts(result, "project"));
        var platform = Assert.Single(result.Changes, c => c.Entity == "project" && c.Key == Platform);
        Assert.Contains(new FieldChange("name", null, "Бізнес-платформа 2019-2030 роки"), platform.Fields);
        Assert.Null((await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Registration);
        Assert.Empty(await _silo.EventsAsync());
        Assert.Empty((await _silo.Concept.GetTreeAsync()).Priorities);
    }

    [Fact]
    public async Task ImportConceptAsync_Windows1251File_NamesFileLineAndReasonAndImportsNothing()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes(Text);

        var result = await _silo.Importer.ImportConceptAsync(ImportSilo.Request("concept-2025-cp1251.txt", bytes));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("concept-2025-cp1251.txt", 3), (error.File, error.Line));
        Assert.Contains("Windows-1251", error.Reason, StringComparison.Ordinal);
        Assert.False(result.Applied);
        Assert.Empty(await _silo.EventsAsync());
    }

    [Fact]
    public async Task ImportConceptAsync_TruncatedRow_NamesItsLineAndImportsNothing()
    {
        var truncated = ReplaceLine(Text, 9, "1\tСтворити інформаційну платформу інвестиційного і кадрового потенціалу міста");

        var result = await ImportAsync(truncated);

        Assert.Contains(new ImportError(SeedFile.ConceptReport2025, 9, "the row has 2 cells where a report row has 5 (truncated row?)"), result.Errors);
        Assert.False(result.Applied);
        Assert.Empty(await _silo.EventsAsync());
        Assert.Empty((await _silo.Concept.GetTreeAsync()).Priorities);
    }

    [Fact]
    public async Task ImportConceptAsync_TruncatedRowWithPartial_ImportsTheRestAndReportsTheRow()
    {
        var truncated = ReplaceLine(Text, 9, "1\tСтворити інформаційну платформу інвестиційного і кадрового потенціалу міста");

        var result = await ImportAsync(truncated, partial: true);

        Assert.True(result.Applied);
        Assert.Contains(result.Errors, e => e.Line == 9);
        Assert.Null((await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Registration);
        Assert.NotNull((await _silo.Grains.GetGrain<IProjectGrain>(Revitalisation).GetAsync()).Registration);
        Assert.InRange(Counts(result, "project").Created, 200, 212);
    }

    [Fact]
    public async Task ImportConceptAsync_TableWithoutHeader_IsAnErrorAndImportsNothing()
    {
        Assert.StartsWith("№ з/п", Line(6), StringComparison.Ordinal);
        var headless = ReplaceLine(Text, 6, string.Empty);

        var result = await ImportAsync(headless);

        var error = Assert.Single(result.Errors);
        Assert.Equal(SeedFile.ConceptReport2025, error.File);
        Assert.True(error.Line > 6, $"line {error.Line}");
        Assert.Contains("has no header row", error.Reason, StringComparison.Ordinal);
        Assert.False(result.Applied);
        Assert.Empty(await _silo.EventsAsync());
    }

    [Fact]
    public async Task ImportConceptAsync_EmptyRequest_IsAnErrorNotAnException()
    {
        var result = await _silo.Importer.ImportConceptAsync(new ImportRequest("", null!, false, false, "x"));

        Assert.False(result.Applied);
        Assert.Equal(0, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public async Task SetStatusOverrideAsync_ChangesTheProjectsClassAndLaterImportsKeepIt()
    {
        await ImportAsync(Text);

        await _silo.Concept.SetStatusOverrideAsync(Platform, StatusClass.InProgress, new ChangeContext("urn:test:planner", "override-1", "планувальник"));
        var reimport = await ImportAsync(Text);
        var tree = await _silo.Concept.GetTreeAsync();

        Assert.Equal(ProjectStatusClass.InProgress, (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Reports[0].Report.StatusClass);
        Assert.Empty(reimport.Changes);
        var node = tree.Priorities[0].Goals[0].Tasks[0].Projects.Single(p => p.GrainKey == Platform);
        Assert.Equal(new ConceptTreeYear(2025, StatusClass.InProgress, node.Years[0].StatusText, true), Assert.Single(node.Years));
    }

    [Fact]
    public async Task SetStatusOverrideAsync_Removed_GoesBackToTheRules()
    {
        await ImportAsync(Text);
        await _silo.Concept.SetStatusOverrideAsync(Platform, StatusClass.NotImplemented, new ChangeContext("urn:test:planner", "override-1"));

        await _silo.Concept.SetStatusOverrideAsync(Platform, null, new ChangeContext("urn:test:planner", "override-2"));

        Assert.Equal(ProjectStatusClass.Implemented, (await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync()).Reports[0].Report.StatusClass);
        Assert.Empty(await _silo.Concept.GetStatusOverridesAsync());
    }

    [Fact]
    public async Task SetStatusOverrideAsync_UnknownProject_IsAValidationError()
    {
        await ImportAsync(Text);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _silo.Concept.SetStatusOverrideAsync("p9.g9.t9.nothing", StatusClass.Implemented, new ChangeContext("urn:test", "1")));

        Assert.Equal("projectKey", error.Field);
    }
}
