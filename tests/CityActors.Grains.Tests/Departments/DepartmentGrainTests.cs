using CityActors.Grains.Departments;
using CityActors.Grains.Facilities;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Departments;

public sealed class DepartmentGrainTests : IAsyncLifetime
{
    static readonly TimeSpan s_kyiv = TimeSpan.FromHours(2);

    readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 2, 15, 9, 0, 0, s_kyiv));
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    IDepartmentGrain Education => _silo.GrainFactory.GetGrain<IDepartmentGrain>("education");

    async Task ProjectAsync(string key, int? start, int? end)
        => await _silo.GrainFactory.GetGrain<IProjectGrain>(key).RegisterAsync(
            new ProjectRegistration("Освічене місто", "Сучасна освіта", "1. Модернізувати заклади освіти", key, start, end, ["education"]), Facts.Change());

    Task ReportAsync(string key, DateTimeOffset submittedAt)
        => _silo.GrainFactory.GetGrain<IProjectGrain>(key).SubmitReportAsync(
            new ProjectReport(2025, "Виконано", ProjectStatusClass.Implemented), Facts.Change("Департамент освіти", observedAt: submittedAt));

    [Fact]
    public async Task GetReportingRecordAsync_AfterTheDeadline_CountsOnTimeLateAndMissing()
    {
        await Education.RegisterAsync(new DepartmentRegistration("Департамент освіти міської ради", "Department of Education"), Facts.Change());
        await ProjectAsync("shelters-in-schools", 2022, 2030);
        await ProjectAsync("stem-labs", 2021, 2030);
        await ProjectAsync("inclusive-groups", null, null);
        await ProjectAsync("new-lyceum", 2027, 2030);
        await ReportAsync("shelters-in-schools", new DateTimeOffset(2026, 1, 20, 12, 0, 0, s_kyiv));
        await ReportAsync("stem-labs", new DateTimeOffset(2026, 2, 1, 0, 30, 0, s_kyiv));

        var record = await Education.GetReportingRecordAsync(2025);

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, s_kyiv), record.Deadline);
        Assert.Equal((3, 1, 1, 1), (record.ReportsDue, record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
    }

    [Fact]
    public async Task GetReportingRecordAsync_BeforeTheDeadline_NothingIsMissingYet()
    {
        await ProjectAsync("stem-labs", 2021, 2030);

        var record = await Education.GetReportingRecordAsync(2026);

        Assert.Equal((1, 0, 0, 0), (record.ReportsDue, record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
    }

    [Fact]
    public async Task GetAsync_OwnsItsFacilitiesByKindAndItsProjects()
    {
        foreach (var (key, kind) in new[] { ("school-1", "school"), ("school-2", "school"), ("kindergarten-1", "kindergarten") })
            await _silo.GrainFactory.GetGrain<IFacilityGrain>(key).RegisterAsync(Facts.Registration(kind, key, "education"), Facts.Change());
        await _silo.GrainFactory.GetGrain<IFacilityGrain>("boiler-1").RegisterAsync(Facts.Registration("boiler-house", "РК-1", "utilities"), Facts.Change());
        await ProjectAsync("stem-labs", 2021, 2030);

        DepartmentSnapshot snapshot = null!;
        await Eventually.TrueAsync(async () => (snapshot = await Education.GetAsync()).FacilitiesByKind.Values.Sum() == 3, "the aggregate counted the facilities");

        Assert.Equal(new Dictionary<string, int> { ["kindergarten"] = 1, ["school"] = 2 }, snapshot.FacilitiesByKind);
        Assert.Equal(["stem-labs"], snapshot.Projects);
    }

    [Fact]
    public async Task GetReportingRecordAsync_UpdatesSent_CountsStatusChangesAndReports()
    {
        var school = _silo.GrainFactory.GetGrain<IFacilityGrain>("school-3");
        await school.RegisterAsync(Facts.Registration("school", "Ліцей № 25", "education"), Facts.Change());
        var now = _clock.GetUtcNow();
        await school.ReportStatusAsync(Facts.Update("closed", now));
        await school.ReportStatusAsync(Facts.Update("closed", now.AddSeconds(1)));
        await school.ReportStatusAsync(Facts.Update("open", now.AddSeconds(2)));
        await ProjectAsync("stem-labs", 2021, 2030);
        await ReportAsync("stem-labs", now);

        ReportingRecord record = null!;
        await Eventually.TrueAsync(async () => (record = await Education.GetReportingRecordAsync(2026)).UpdatesSent >= 3, "counted");

        Assert.Equal(3, record.UpdatesSent);
    }
}
