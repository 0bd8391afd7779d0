using CityActors.Grains.Aggregation;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Projects;

public sealed class ProjectGrainTests : IAsyncLifetime
{
    static readonly ProjectRegistration s_platform = new(
        "Ефективне місто", "Формування сприятливого інвестиційного клімату",
        "1. Створити інформаційну платформу інвестиційного і кадрового потенціалу міста", "Бізнес-платформа", 2019, 2030, ["economy"]);

    readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    IProjectGrain Project(string key) => _silo.GrainFactory.GetGrain<IProjectGrain>(key);

    [Fact]
    public async Task RegisterAsync_ThenGetAsync_HasItsPlaceInTheConceptAndItsPeriod()
    {
        await Project("business-platform").RegisterAsync(s_platform, Facts.Change());

        var project = await Project("business-platform").GetAsync();

        Assert.Equal(("Ефективне місто", "Бізнес-платформа", 2019, 2030), (project.Registration!.Priority, project.Registration.Name, project.Registration.StartYear!.Value, project.Registration.EndYear!.Value));
        Assert.Equal(["economy"], project.Registration.Departments);
        Assert.Empty(project.Reports);
    }

    [Fact]
    public async Task RegisterAsync_SameDataTwice_RecordsOneEvent()
    {
        await Project("p1").RegisterAsync(s_platform, Facts.Change());
        await Project("p1").RegisterAsync(s_platform with { Departments = ["economy"] }, Facts.Change());

        Assert.Equal(1, (await Project("p1").GetAsync()).Version);
    }

    [Fact]
    public async Task RegisterAsync_PeriodEndsBeforeItStarts_ThrowsValidation()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Project("p2").RegisterAsync(s_platform with { StartYear = 2030, EndYear = 2019 }, Facts.Change()));

        Assert.Equal("endYear", error.Field);
        Assert.Null((await Project("p2").GetAsync()).Registration);
    }

    [Fact]
    public async Task SubmitReportAsync_NotRegistered_ThrowsNotRegistered()
        => await Assert.ThrowsAsync<NotRegisteredException>(() => Project("p3").SubmitReportAsync(new ProjectReport(2025, "…", ProjectStatusClass.InProgress), Facts.Change()));

    [Theory]
    [InlineData(2025, 120.0, 0, "completionPercent")]
    [InlineData(2025, 50.0, -1, "moneySpent")]
    [InlineData(1900, 50.0, 0, "year")]
    public async Task SubmitReportAsync_OutOfRange_ThrowsValidation(int year, double completion, int spent, string field)
    {
        await Project("p4").RegisterAsync(s_platform, Facts.Change());

        var error = await Assert.ThrowsAsync<ValidationException>(() => Project("p4").SubmitReportAsync(
            new ProjectReport(year, "Роботи тривають", ProjectStatusClass.InProgress, completion, 1_000_000m, spent), Facts.Change()));

        Assert.Equal(field, error.Field);
        Assert.Empty((await Project("p4").GetAsync()).Reports);
    }

    [Fact]
    public async Task SubmitReportAsync_OnePerYear_ALaterOneReplacesItAndTheSameOneAgainChangesNothing()
    {
        var project = Project("p5");
        await project.RegisterAsync(s_platform, Facts.Change());
        var first = new ProjectReport(2025, "Розпочато будівництво", ProjectStatusClass.InProgress, 40, 2_500_000m, 1_000_000m);
        var second = first with { StatusText = "Будівництво завершено", StatusClass = ProjectStatusClass.Completed, CompletionPercent = 100, MoneySpent = 2_400_000m };

        await project.SubmitReportAsync(new ProjectReport(2024, "Підготовлено документацію", ProjectStatusClass.InProgress, 10), Facts.Change());
        await project.SubmitReportAsync(first, Facts.Change());
        await project.SubmitReportAsync(second, Facts.Change("Департамент економічного розвитку"));
        var version = (await project.GetAsync()).Version;
        await project.SubmitReportAsync(second, Facts.Change());
        var snapshot = await project.GetAsync();

        Assert.Equal(version, snapshot.Version);
        Assert.Equal([2024, 2025], snapshot.Reports.Select(r => r.Report.Year));
        Assert.Equal((second, "Департамент економічного розвитку"), (snapshot.Reports[1].Report, snapshot.Reports[1].SubmittedBy));
    }

    [Fact]
    public async Task Reports_CountedPerPriorityAndStatusClass_AndMoveWhenThePriorityChanges()
    {
        await Project("p6").RegisterAsync(s_platform, Facts.Change());
        await Project("p7").RegisterAsync(s_platform with { Name = "Логістичний хаб" }, Facts.Change());
        await Project("p6").SubmitReportAsync(new ProjectReport(2025, "Забезпечено наповнення платформи", ProjectStatusClass.Implemented), Facts.Change());
        await Project("p7").SubmitReportAsync(new ProjectReport(2025, "Проект не реалізовано", ProjectStatusClass.NotImplemented), Facts.Change());

        await Project("p7").RegisterAsync(s_platform with { Name = "Логістичний хаб", Priority = "Інноваційне місто" }, Facts.Change());
        var city = _silo.GrainFactory.GetGrain<ICityAggregateGrain>("zhytomyr");
        IReadOnlyList<ProjectClassCount> projects = [];
        await Eventually.TrueAsync(async () => (projects = (await city.GetYearAsync(2025)).Projects).Any(p => p.Priority == "Інноваційне місто"), "the move is counted");

        Assert.Equal(
            [new ProjectClassCount("Ефективне місто", ProjectStatusClass.Implemented, 1), new ProjectClassCount("Інноваційне місто", ProjectStatusClass.NotImplemented, 1)],
            projects.OrderBy(p => p.StatusClass));
    }
}
