using CityActors.Grains.Departments;
using CityActors.Grains.Tests.Concept.Parsing;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Imports;

/// <summary>The departments' reporting record when the 2025 report is loaded after the departments' deadline (1 February 2026).</summary>
public sealed class ConceptImportReportingTests : IAsyncLifetime
{
    readonly ManualTimeProvider _clock = new(CityHost.Start); // 2 March 2026, a month after the deadline
    ImportSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await ImportSilo.StartAsync(time: _clock);
        await _silo.Importer.ImportConceptAsync(ImportSilo.Request(SeedFile.ConceptReport2025, SeedFile.ConceptReportBytes));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    IDepartmentGrain Economy => _silo.Grains.GetGrain<IDepartmentGrain>("economy");

    [Fact]
    public async Task GetReportingRecordAsync_ReportsLoadedByAnImportAfterTheDeadline_AreOnTimeAndNotSentByTheDepartment()
    {
        var record = await Economy.GetReportingRecordAsync(2025);
        var thisYear = await Economy.GetReportingRecordAsync(2026);

        Assert.True(record.ReportsDue > 10, $"{record.ReportsDue} reports due");
        Assert.Equal((record.ReportsDue, 0, 0), (record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
        Assert.Equal(0, thisYear.UpdatesSent);
    }
}
