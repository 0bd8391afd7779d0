using System.Text;
using System.Text.Json;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Departments;
using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Reports;
using CityActors.Grains.Tests.Concept.Parsing;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests.Reports;

/// <summary>The 2025 report on a real SQLite file: seed 000 imported, facilities registered since the end of 2024, an outage in the last minutes of 2025.</summary>
/// <remarks>The fake clock moves minutes, not months: every periodic timer of the silo ticks on the way.</remarks>
public sealed class AnnualReportGrainTests : IAsyncLifetime
{
    const string City = "zhytomyr";
    static readonly DateTimeOffset s_endOf2025 = KyivCalendar.StartOf(2026);
    static readonly DateTimeOffset s_lateEvening = s_endOf2025 - TimeSpan.FromMinutes(20);

    readonly ManualTimeProvider _clock = new(s_lateEvening);
    readonly List<IFacilityGrain> _facilities = [];
    readonly List<string> _paths = [];
    TestSilo _silo = null!;

    IGrainFactory Grains => _silo.GrainFactory;

    IAnnualReportGrain Report2025 => Grains.GetGrain<IAnnualReportGrain>("2025");

    public async Task InitializeAsync()
    {
        _silo = await StartSiloAsync(_clock);
        var imported = await Grains.GetGrain<IImportGrain>(City).ImportConceptAsync(
            new ImportRequest(SeedFile.ConceptReport2025, Encoding.UTF8.GetBytes(SeedFile.ConceptReportText), false, false, "планувальник Коваленко"));
        Assert.True(imported.Applied, string.Join("; ", imported.Errors));
        var boiler1 = await RegisterAsync("boiler-1", "boiler-house", "utilities");
        await RegisterAsync("boiler-2", "boiler-house", "utilities");
        await RegisterAsync("shelter-1", "shelter", "civil-protection");
        await boiler1.ReportStatusAsync(Facts.Update("fault", Now));
        await _clock.AdvanceAsync(TimeSpan.FromMinutes(2));
        await boiler1.ReportStatusAsync(Facts.Update("operating", Now));
    }

    /// <summary>Moves the clock five minutes into 2026 (Kyiv) in steps, the facilities reporting as they go, and waits for the aggregate.</summary>
    async Task PassYearEndAsync()
    {
        while (Now < s_endOf2025 + TimeSpan.FromMinutes(5))
        {
            foreach (var facility in _facilities)
                await facility.ReportStatusAsync(Facts.Update((await facility.GetSnapshotAsync()).Status, Now));
            await _clock.AdvanceAsync(TimeSpan.FromMinutes(4));
        }
        await CaughtUpAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _paths.ForEach(CityHost.DeleteSqlite);
    }

    DateTimeOffset Now => _clock.GetUtcNow();

    async Task<TestSilo> StartSiloAsync(TimeProvider time)
    {
        var path = CityHost.NewSqlitePath();
        _paths.Add(path);
        return await CityHost.StartAsync(CityHost.Sqlite(path), time);
    }

    async Task<IFacilityGrain> RegisterAsync(string key, string kind, string department)
    {
        var facility = Grains.GetGrain<IFacilityGrain>(key);
        await facility.RegisterAsync(Facts.Registration(kind, key, department), Facts.Change(observedAt: KyivCalendar.StartOf(2025) - TimeSpan.FromHours(12)));
        _facilities.Add(facility);
        return facility;
    }

    /// <summary>Waits until the city aggregate has counted every event committed so far.</summary>
    async Task CaughtUpAsync()
    {
        var head = _silo.Services.GetRequiredService<GrainStorage>().HighWaterMark;
        await Eventually.TrueAsync(async () => (await Grains.GetGrain<ICityAggregateGrain>(City).GetRollupAsync()).Sequence >= head, "the aggregate counted every event");
        await Eventually.TrueAsync(async () => await Grains.GetGrain<IDistrictFiguresGrain>(City).GetCheckpointAsync() >= head, "the district figures counted every event");
    }

    [Fact]
    public async Task BuildAsync_AfterImportingSeed000_HasEveryTaskProjectDepartmentAndStatusTextOfTheDocument()
    {
        await PassYearEndAsync();
        var version = await Report2025.BuildAsync();
        var report = (await Report2025.GetAsync())!;

        var document = new ConceptDocumentParser().ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025);
        Assert.Equal(1, version.Version);
        Assert.Equal(s_endOf2025, version.AsOf);
        Assert.Equal(Rows(document).Select(r => (r.Task, r.Project.Name, r.Project.Period, Departments(r.Project), r.Project.StatusText)),
            Rows(report.Concept).Select(r => (r.Task, r.Project.Name, r.Project.Period, Departments(r.Project), r.Project.StatusText)));
        // The document titles its fourth table "Інноваційне місто" a second time; the import names it by its place.
        Assert.Equal(["Ефективне місто", "Інноваційне місто", "Комфортне місто", "Активне місто", "Зелене місто", "Інклюзивне місто"], report.Concept.Priorities.Select(p => p.Title));
        Assert.Equal(213, report.Counts.ProjectReports);
        var boilers = Assert.Single(report.Operations, k => k.Kind == "boiler-house");
        Assert.Equal("Котельня", boilers.Name);
        Assert.Equal((2, 2, 1, 1), (boilers.Year.AtStart, boilers.Year.AtEnd, boilers.Year.Outages, boilers.Year.Restored));
        Assert.Equal(TimeSpan.FromMinutes(2), boilers.Year.MeanTimeToRestore);
        Assert.Equal(TimeSpan.FromMinutes(2), boilers.Year.Downtime);
        Assert.Equal(2 * (s_endOf2025 - KyivCalendar.StartOf(2025)), boilers.Year.Registered);
        Assert.Equal((0, 2, 0), (boilers.Previous!.AtStart, boilers.Previous.AtEnd, boilers.Previous.Outages));
        Assert.Equal(2 * TimeSpan.FromHours(12), boilers.Previous.Registered);
        Assert.Equal([("Корольовський", "boiler-house", 2, 1), ("Корольовський", "shelter", 1, 0)],
            report.Districts.Select(d => (d.District, d.Kind, d.Year.AtEnd, d.Year.Outages)));
        Assert.Equal(boilers.Year, report.Districts[0].Year);
        Assert.Equal(boilers.Previous, report.Districts[0].Previous);
        var departmentIds = Rows(document).SelectMany(r => r.Project.Departments.Select(d => d.Id)).Append("utilities").Append("civil-protection").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(departmentIds, report.Departments.Select(d => d.Id));
        Assert.All(report.Departments.Where(d => d.Projects > 0), d => Assert.Equal(d.ReportsDue, d.ReportsOnTime + d.ReportsLate + d.ReportsMissing));
    }

    [Fact]
    public async Task RebuildFromJournalAsync_NothingNew_IsByteIdenticalInEveryFormat()
    {
        await PassYearEndAsync();
        var version = await Report2025.BuildAsync();
        var again = await Report2025.BuildAsync();

        Assert.Equal(version, again);
        foreach (var format in ReportFormat.All)
        {
            var stored = await Report2025.RenderAsync(format, 1);
            var rebuilt = await Report2025.RebuildFromJournalAsync(format, 1);
            Assert.True(stored.Content.AsSpan().SequenceEqual(rebuilt.Content), $"{format}: the rebuild from the journal differs");
        }
    }

    [Fact]
    public async Task RebuildFromJournalAsync_AfterLaterEvents_IsByteIdenticalInEveryFormat_AndANewBuildMakesVersion2()
    {
        await PassYearEndAsync();
        var first = await Report2025.BuildAsync();
        var stored = new Dictionary<string, byte[]>();
        foreach (var format in ReportFormat.All)
            stored[format] = (await Report2025.RenderAsync(format, 1)).Content;
        var project = (await Grains.GetGrain<IConceptGrain>(City).GetTreeAsync()).Priorities[0].Goals[0].Tasks[0].Projects[0];

        // After the build: a 2026 status change and heartbeat, a late report with money, a department renamed, a boiler house registered late for 2025.
        await _facilities[1].ReportStatusAsync(Facts.Update("fault", Now));
        await _facilities[2].ReportStatusAsync(Facts.Update((await _facilities[2].GetSnapshotAsync()).Status, Now));
        await Grains.GetGrain<IProjectGrain>(project.GrainKey).SubmitReportAsync(
            new ProjectReport(2025, "Уточнено у 2026 році: проєкт завершено.", ProjectStatusClass.Completed, 100, 2_400_000m, 2_150_500.50m), Facts.Change(by: "департамент"));
        await Grains.GetGrain<IDepartmentGrain>("utilities").RegisterAsync(new DepartmentRegistration("Управління житлового господарства (нова назва)", "Housing"), Facts.Change());
        await Grains.GetGrain<IFacilityGrain>("boiler-3").RegisterAsync(Facts.Registration("boiler-house", "boiler-3", "utilities"), Facts.Change(observedAt: s_endOf2025 - TimeSpan.FromDays(2)));
        await CaughtUpAsync();

        foreach (var format in ReportFormat.All)
        {
            var rebuilt = await Report2025.RebuildFromJournalAsync(format, 1);
            Assert.True(stored[format].AsSpan().SequenceEqual(rebuilt.Content), $"{format}: the rebuild of version 1 took in later events");
        }
        var second = await Report2025.BuildAsync();
        var latest = (await Report2025.GetAsync(2))!;
        Assert.Equal(2, second.Version);
        Assert.True(second.Sequence > first.Sequence);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal("Уточнено у 2026 році: проєкт завершено.", AnnualReportBuilder.Rows(latest.Concept).First().StatusText);
        Assert.Equal(new RowMoney(project.Position, 2_400_000m, 2_150_500.50m), Assert.Single(latest.Money.Rows));
        Assert.Equal(new MoneyTotals(1, 2_400_000m, 2_150_500.50m), latest.Money.City);
        Assert.Equal("Управління житлового господарства (нова назва)", latest.Departments.Single(d => d.Id == "utilities").Name);
        Assert.Equal(3, latest.Operations.Single(k => k.Kind == "boiler-house").Year.AtEnd);
        Assert.Equal(2, (await Report2025.GetAsync(1))!.Operations.Single(k => k.Kind == "boiler-house").Year.AtEnd);
        var rebuilt2 = await Report2025.RebuildFromJournalAsync(ReportFormat.Json, 2);
        Assert.Equal((await Report2025.RenderAsync(ReportFormat.Json, 2)).Content, rebuilt2.Content);
    }

    [Fact]
    public async Task GetYearsAsOfAsync_BothAggregates_CountExactlyToTheHeadOfTheStream()
    {
        await PassYearEndAsync();
        var head = _silo.Services.GetRequiredService<GrainStorage>();

        // Asked at once, before the stream has necessarily delivered the late registration: each counts up to the head itself.
        await Grains.GetGrain<IFacilityGrain>("boiler-3").RegisterAsync(Facts.Registration("boiler-house", "boiler-3", "utilities"), Facts.Change(observedAt: s_endOf2025 - TimeSpan.FromDays(2)));
        var position = head.HighWaterMark;
        var byDepartment = await Grains.GetGrain<ICityAggregateGrain>(City).GetYearsAsOfAsync([2025, 2024], s_endOf2025, position);
        var byDistrict = await Grains.GetGrain<IDistrictFiguresGrain>(City).GetYearsAsOfAsync([2025, 2024], s_endOf2025, position);
        await CaughtUpAsync();
        var live = await Grains.GetGrain<ICityAggregateGrain>(City).GetYearAsync(2025, s_endOf2025);
        var liveDistricts = await Grains.GetGrain<IDistrictFiguresGrain>(City).GetYearAsync(2025, s_endOf2025);
        var earlier = await Grains.GetGrain<ICityAggregateGrain>(City).GetYearsAsOfAsync([2025], s_endOf2025, position - 1);

        Assert.Equal([position, position], byDepartment.Select(f => f.Sequence));
        Assert.Equal([position, position], byDistrict.Select(f => f.Sequence));
        Assert.Equal(JsonSerializer.Serialize(live), JsonSerializer.Serialize(byDepartment[0]));
        Assert.Equal(JsonSerializer.Serialize(liveDistricts), JsonSerializer.Serialize(byDistrict[0]));
        Assert.Equal(3, byDepartment[0].Facilities.Single(f => f.Kind == "boiler-house").FacilitiesAtEnd);
        Assert.Equal(position, Assert.Single(earlier).Sequence); // a position it has counted past: it answers at its own
    }

    [Fact]
    public async Task EnsureBuiltAsync_NoVersionYet_BuildsTheFirstOnce_AndAYearNotBegunHasNone()
    {
        await PassYearEndAsync();

        var built = await Report2025.EnsureBuiltAsync();
        var again = await Report2025.EnsureBuiltAsync();

        Assert.Equal(1, built.Version);
        Assert.Equal(built, again);
        Assert.Single(await Report2025.GetVersionsAsync());
        await Assert.ThrowsAsync<ReportNotFoundException>(() => Grains.GetGrain<IAnnualReportGrain>("2027").EnsureBuiltAsync());
        Assert.Empty(await Grains.GetGrain<IAnnualReportGrain>("2027").GetVersionsAsync());
    }

    [Fact]
    public async Task BuildAsync_LateProjectReport_MakesVersion2AndVersion1StaysTheSame()
    {
        await PassYearEndAsync();
        await Report2025.BuildAsync();
        var docx1 = await Report2025.RenderAsync(ReportFormat.Docx, 1);
        var tree = await Grains.GetGrain<IConceptGrain>(City).GetTreeAsync();
        var project = tree.Priorities[0].Goals[0].Tasks[0].Projects[0];

        await Grains.GetGrain<IProjectGrain>(project.GrainKey).SubmitReportAsync(
            new ProjectReport(2025, "Уточнено у 2026 році: проєкт завершено.", ProjectStatusClass.Completed), Facts.Change(by: "департамент"));
        await CaughtUpAsync();
        var second = await Report2025.BuildAsync();

        var versions = await Report2025.GetVersionsAsync();
        var first = (await Report2025.GetAsync(1))!;
        var latest = (await Report2025.GetAsync())!;
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(2, second.Version);
        Assert.NotEqual(versions[0].ContentHash, versions[1].ContentHash);
        Assert.Equal(project.Years.Single(y => y.Year == 2025).StatusText, first.Concept.Priorities[0].Goals[0].Tasks[0].Projects[0].StatusText);
        Assert.Equal("Уточнено у 2026 році: проєкт завершено.", latest.Concept.Priorities[0].Goals[0].Tasks[0].Projects[0].StatusText);
        Assert.Equal(docx1.Content, (await Report2025.RenderAsync(ReportFormat.Docx, 1)).Content);
        Assert.Equal("zvit-2025-v2.docx", (await Report2025.RenderAsync(ReportFormat.Docx)).FileName);
    }

    [Fact]
    public async Task RenderAsync_Tsv_ImportedIntoAnotherCityGivesTheSameTree()
    {
        await PassYearEndAsync();
        await Report2025.BuildAsync();
        var tsv = await Report2025.RenderAsync(ReportFormat.Tsv);
        var original = await Grains.GetGrain<IConceptGrain>(City).GetTreeAsync();

        await using var other = await StartSiloAsync(TimeProvider.System);
        var result = await other.GrainFactory.GetGrain<IImportGrain>(City).ImportConceptAsync(new ImportRequest(tsv.FileName, tsv.Content, false, false, "планувальник"));
        var reimported = await other.GrainFactory.GetGrain<IConceptGrain>(City).GetTreeAsync();

        Assert.True(result.Applied, string.Join("; ", result.Errors));
        Assert.Equal(JsonSerializer.Serialize(original), JsonSerializer.Serialize(reimported));
    }

    [Fact]
    public async Task Reminder_AfterTheYearEnds_BuildsTheReportByItself()
    {
        await Report2025.ScheduleAsync();

        await PassYearEndAsync();
        await Eventually.TrueAsync(async () => (await Report2025.GetVersionsAsync()).Count == 1, "the reminder built the report");

        var built = Assert.Single(await Report2025.GetVersionsAsync());
        Assert.Equal(s_endOf2025, built.AsOf);
        Assert.Equal(built, await Report2025.BuildAsync());
    }

    [Fact]
    public async Task RenderAsync_UnknownVersionOrFormat_SaysWhat()
    {
        await PassYearEndAsync();
        await Report2025.BuildAsync();

        await Assert.ThrowsAsync<ReportNotFoundException>(() => Report2025.RenderAsync(ReportFormat.Html, 7));
        var error = await Assert.ThrowsAsync<ValidationException>(() => Report2025.RenderAsync("pdf"));
        Assert.Equal("format", error.Field);
        await Assert.ThrowsAsync<ReportNotFoundException>(() => Grains.GetGrain<IAnnualReportGrain>("2024").RenderAsync(ReportFormat.Html));
    }

    static IEnumerable<(string Task, ConceptProject Project)> Rows(ConceptDocument document) =>
        document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects.Select(p => (t.Description, p)));

    static string Departments(ConceptProject project) => string.Join(",", project.Departments.Select(d => d.Id));
}
