using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Concept.Parsing;

namespace CityActors.Grains.Tests.Imports;

/// <summary>The real report on PostgreSQL: the same outcome as on SQLite, and nothing new after a restart and a re-import.</summary>
public sealed class PostgresConceptImportTests : IAsyncLifetime
{
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartPostgresAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ImportConceptAsync_RealReportThenRestartAndReimport_ChangesNothingTheSecondTime()
    {
        var request = ImportSilo.Request(SeedFile.ConceptReport2025, SeedFile.ConceptReportBytes);
        var first = await _silo.Importer.ImportConceptAsync(request);
        var events = (await _silo.EventsAsync()).Count;

        await _silo.RestartAsync();
        var second = await _silo.Importer.ImportConceptAsync(request);
        var tree = await _silo.Concept.GetTreeAsync();

        Assert.Empty(first.Errors);
        Assert.Equal(new ImportCounts("project", 213, 0, 0, 0), first.Counts.Single(c => c.Entity == "project"));
        Assert.Equal(new ImportCounts("project", 0, 0, 213, 0), second.Counts.Single(c => c.Entity == "project"));
        Assert.Equal(new ImportCounts("report", 0, 0, 213, 0), second.Counts.Single(c => c.Entity == "report"));
        Assert.Equal(events, (await _silo.EventsAsync()).Count);
        Assert.Equal(213, tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).Sum(t => t.Projects.Count));
        Assert.Equal(ProjectStatusClass.Implemented, (await _silo.Grains.GetGrain<IProjectGrain>("p1.g1.t1.biznes-platforma").GetAsync()).Reports[0].Report.StatusClass);
    }
}
