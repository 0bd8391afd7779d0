using CityActors.Grains.Concept;
using CityActors.Grains.Imports;
using CityActors.Grains.Tests.Concept.Parsing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Tests.Imports;

public sealed class ConceptSeederTests : IAsyncLifetime
{
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    ConceptSeeder Seeder(bool importAtStart = true)
        => new(_silo.Grains, Options.Create(new CityOptions { Concept = new ConceptOptions { ImportAtStart = importAtStart } }), NullLogger<ConceptSeeder>.Instance);

    [Fact]
    public async Task StartAsync_FirstStart_ImportsTheShippedReport()
    {
        await Seeder().StartAsync(CancellationToken.None);

        var tree = await _silo.Concept.GetTreeAsync();
        var import = Assert.Single(await _silo.Concept.GetImportsAsync());
        Assert.Equal(6, tree.Priorities.Count);
        Assert.Equal(213, tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).Sum(t => t.Projects.Count));
        Assert.Equal((ConceptReports.Zhytomyr2025, SeedFile.ConceptReport2025Sha256, 2025, ConceptSeeder.By), (import.FileName, import.Sha256, import.Year, import.By));
    }

    [Fact]
    public async Task StartAsync_AfterAPlannerImportedAnEdition_LoadsNothing()
    {
        var edited = SeedFile.ConceptReportText.Replace("оприлюднювалась інформація", "оприлюднено інформацію", StringComparison.Ordinal);
        await _silo.Importer.ImportConceptAsync(ImportSilo.Request("concept-2025-edited.txt", edited));
        var events = (await _silo.EventsAsync()).Count;

        await Seeder().StartAsync(CancellationToken.None);

        Assert.Equal(events, (await _silo.EventsAsync()).Count);
        Assert.Equal("concept-2025-edited.txt", Assert.Single(await _silo.Concept.GetImportsAsync()).FileName);
    }

    [Fact]
    public async Task StartAsync_Disabled_LoadsNothing()
    {
        await Seeder(importAtStart: false).StartAsync(CancellationToken.None);

        Assert.Empty((await _silo.Concept.GetTreeAsync()).Priorities);
        Assert.Empty(await _silo.EventsAsync());
    }
}
