using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Concept.Parsing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests.Imports;

/// <summary>A write a grain refuses in the middle of an import: named by its line, the import not applied, a re-run completing it.</summary>
public sealed class ImportFailureTests : IAsyncLifetime
{
    const string Platform = "p1.g1.t1.biznes-platforma";
    readonly RefusedWrites _refused = new();
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartAsync(silo => silo.Services.AddSingleton<IIncomingGrainCallFilter>(_refused));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    Task<ImportResult> ImportAsync(bool partial = false)
        => _silo.Importer.ImportConceptAsync(ImportSilo.Request(SeedFile.ConceptReport2025, SeedFile.ConceptReportBytes, partial: partial));

    async Task<ProjectSnapshot> PlatformAsync() => await _silo.Grains.GetGrain<IProjectGrain>(Platform).GetAsync();

    [Fact]
    public async Task ImportConceptAsync_AProjectRefusesItsReport_NamesTheRowsLineAndIsNotApplied()
    {
        _refused.Refuse(Platform, nameof(IProjectGrain.SubmitReportAsync));

        var result = await ImportAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal((SeedFile.ConceptReport2025, 9), (error.File, error.Line));
        Assert.Contains($"report {Platform}: not written: statusText: the grain refuses this write", error.Reason, StringComparison.Ordinal);
        Assert.Contains("import the file again", error.Reason, StringComparison.Ordinal);
        Assert.False(result.Applied);
        Assert.True(result.Interrupted);
        Assert.Equal(1, result.Counts.Single(c => c.Entity == "report").Failed);
        Assert.Empty((await PlatformAsync()).Reports);
        Assert.Empty(await _silo.Concept.GetImportsAsync());
        Assert.Empty((await _silo.Concept.GetTreeAsync()).Priorities);
    }

    [Fact]
    public async Task ImportConceptAsync_AgainAfterARefusedWrite_WritesOnlyWhatIsMissingAndIsApplied()
    {
        _refused.Refuse(Platform, nameof(IProjectGrain.SubmitReportAsync));
        await ImportAsync();
        var events = (await _silo.EventsAsync()).Count;
        _refused.Refuse(null, null);

        var again = await ImportAsync();
        var added = (await _silo.EventsAsync()).Skip(events).ToList();

        Assert.True(again.Applied);
        Assert.False(again.Interrupted);
        Assert.Empty(again.Errors);
        Assert.Equal(new ImportCounts("report", 1, 0, 212, 0), again.Counts.Single(c => c.Entity == "report"));
        Assert.Equal(new ImportCounts("project", 0, 0, 213, 0), again.Counts.Single(c => c.Entity == "project"));
        Assert.Equal(ImportChangeKind.Created, Assert.Single(again.Changes).Kind);
        Assert.Contains((Platform, "ProjectReportSubmitted", "urn:zhytomyr:import:concept"), added);
        Assert.Equal(ProjectStatusClass.Implemented, Assert.Single((await PlatformAsync()).Reports).Report.StatusClass);
        Assert.Single(await _silo.Concept.GetImportsAsync());
        Assert.Equal(213, (await _silo.Concept.GetTreeAsync()).Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).Sum(t => t.Projects.Count));
    }

    [Fact]
    public async Task ImportConceptAsync_PartialWithARefusedWrite_AppliesTheRestAndNamesTheRow()
    {
        _refused.Refuse(Platform, nameof(IProjectGrain.SubmitReportAsync));

        var result = await ImportAsync(partial: true);

        Assert.True(result.Applied);
        Assert.False(result.Interrupted);
        Assert.Equal(9, Assert.Single(result.Errors).Line);
        Assert.DoesNotContain("import the file again", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Empty((await PlatformAsync()).Reports);
        Assert.Single(await _silo.Concept.GetImportsAsync());
    }

    [Fact]
    public async Task ImportFacilitiesAsync_AFacilityRefusesItsRegistration_NamesTheRowsLineAndIsNotApplied()
    {
        var csv = "id,kind,name,address,district,department\nschool-901,school,Ліцей № 901,вул. Київська,Корольовський,education\nschool-902,school,Ліцей № 902,вул. Київська,Корольовський,education\n";
        _refused.Refuse("school-902", nameof(IFacilityGrain.RegisterAsync));

        var result = await _silo.Importer.ImportFacilitiesAsync(ImportSilo.Request("reiestr.csv", csv));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("reiestr.csv", 3), (error.File, error.Line));
        Assert.StartsWith("facility school-902: not written: ", error.Reason, StringComparison.Ordinal);
        Assert.False(result.Applied);
        Assert.True(result.Interrupted);
    }

    /// <summary>Makes one grain refuse one method, as a grain holding something the import did not expect would.</summary>
    sealed class RefusedWrites : IIncomingGrainCallFilter
    {
        volatile Refusal? _refused;

        public void Refuse(string? key, string? method) => _refused = key is null || method is null ? null : new Refusal(key, method);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (_refused is { } refused && context.TargetId.Key == refused.Key && context.InterfaceMethod.Name == refused.Method)
                throw new ValidationException("statusText", "the grain refuses this write");
            return context.Invoke();
        }

        sealed record Refusal(string Key, string Method);
    }
}
