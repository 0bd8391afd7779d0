using CityActors.Grains.Departments;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Departments;

/// <summary>The bulk calls an import makes: many projects and report arrivals in one write, the single calls after them changing nothing.</summary>
public sealed class DepartmentBulkTests : IAsyncLifetime
{
    static readonly TimeSpan s_kyiv = TimeSpan.FromHours(2);

    readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 2, 15, 9, 0, 0, s_kyiv));
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    IDepartmentGrain Education => _silo.GrainFactory.GetGrain<IDepartmentGrain>("education");

    [Fact]
    public async Task AttachProjectsAsync_ThenTheProjectsOwnCalls_AttachesEachOnce()
    {
        await Education.AttachProjectsAsync([new("stem-labs", 2021, 2030), new("inclusive-groups", null, null), new("stem-labs", 2021, 2030)], Facts.Change());
        await Education.AttachProjectAsync("stem-labs", 2021, 2030, Facts.Change());

        var department = await Education.GetAsync();
        var record = await Education.GetReportingRecordAsync(2025);

        Assert.Equal(["inclusive-groups", "stem-labs"], department.Projects);
        Assert.Equal(2, record.ReportsDue);
    }

    [Fact]
    public async Task RecordProjectReportsAsync_FirstArrivalDecides_ALaterSingleCallChangesNothing()
    {
        var onTime = new DateTimeOffset(2026, 1, 20, 12, 0, 0, s_kyiv);
        await Education.AttachProjectsAsync([new("stem-labs", 2021, 2030), new("inclusive-groups", null, null)], Facts.Change());

        await Education.RecordProjectReportsAsync([new("stem-labs", 2025, onTime), new("inclusive-groups", 2025, onTime)], Facts.Change());
        await Education.RecordProjectReportAsync("stem-labs", 2025, new DateTimeOffset(2026, 2, 10, 12, 0, 0, s_kyiv), Facts.Change());
        var record = await Education.GetReportingRecordAsync(2025);

        Assert.Equal((2, 2, 0, 0), (record.ReportsDue, record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
    }

    [Fact]
    public async Task RecordProjectReportsAsync_FromTheConceptImportAfterTheDeadline_CountsOnTimeAndNotAsSent()
    {
        var afterDeadline = new DateTimeOffset(2026, 2, 15, 9, 0, 0, s_kyiv);
        var import = new ChangeContext("urn:zhytomyr:import:concept", "0123456789abcdef@1", "планувальник", "zvit-2025.txt", afterDeadline);
        await Education.AttachProjectsAsync([new("stem-labs", 2021, 2030), new("inclusive-groups", null, null)], import);

        await Education.RecordProjectReportsAsync([new("stem-labs", 2025, afterDeadline)], import);
        await Education.RecordProjectReportAsync("inclusive-groups", 2025, afterDeadline, Facts.Change("Департамент освіти"));
        var record = await Education.GetReportingRecordAsync(2025);
        var thisYear = await Education.GetReportingRecordAsync(2026);

        // The imported report is on time; the one the department sent itself after 1 February is late.
        Assert.Equal((2, 1, 1, 0), (record.ReportsDue, record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
        Assert.Equal(1, thisYear.UpdatesSent);
    }

    [Fact]
    public async Task AttachProjectsAsync_ChangedPeriod_AttachesAgainWithTheNewPeriod()
    {
        await Education.AttachProjectsAsync([new("new-lyceum", 2027, 2030)], Facts.Change());

        await Education.AttachProjectsAsync([new("new-lyceum", 2025, 2030)], Facts.Change());

        Assert.Equal(1, (await Education.GetReportingRecordAsync(2025)).ReportsDue);
    }
}
