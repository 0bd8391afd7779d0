using System.Net;
using System.Text;
using CityActors.Client;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Tests;

/// <summary>The Concept's projects and the imports over HTTP, part of the API contract run on SQLite and on PostgreSQL.</summary>
public abstract partial class ApiContract<TSilo>
{
    [Fact]
    public async Task Projects_ByConceptPosition_FromTheImportedConcept()
    {
        var goal = await Silo.Public.ListProjectsAsync(position: "p2.g1");
        var first = goal[0];
        var byPosition = await Silo.Public.GetProjectAsync(first.Position);

        Assert.NotEmpty(goal);
        Assert.All(goal, p => Assert.StartsWith("p2.g1.", p.Position, StringComparison.Ordinal));
        Assert.Equal(first.Key, byPosition.Project.Key);
        Assert.Equal(first.StrategicGoal, byPosition.Concept!.StrategicGoal);
    }

    [Fact]
    public async Task ImportFacilities_DryRunChangesNothing_ThenImports_AndABadFileNamesItsLine()
    {
        var key = NewKey("school");
        var csv = Encoding.UTF8.GetBytes($"id,kind,name,address,district,department,latitude,longitude,locationPublic,capacity\n{key},school,Ліцей № 900,\"вул. Київська, 9\",Корольовський,education,50.25,28.66,true,500\n");
        var bad = Encoding.UTF8.GetBytes($"id,kind,name,address,district,department\n{key}-b,school,Ліцей,вул. Київська,Корольовський,education\n{key}-c,spaceship,Ракета,вул. Київська,Корольовський,education\n");

        var dry = await Silo.Admin.ImportAsync("facilities", "registry.csv", csv, dryRun: true);
        var afterDry = await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.GetFacilityAsync(key));
        var applied = await Silo.Admin.ImportAsync("facilities", "registry.csv", csv, dryRun: false);
        var refused = await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.ImportAsync("facilities", "bad.csv", bad, dryRun: false));

        Assert.False(dry.Applied);
        Assert.Equal(1, dry.Counts.Single(c => c.Entity == "facility").Created);
        Assert.Equal(HttpStatusCode.NotFound, afterDry.Status);
        Assert.True(applied.Applied);
        Assert.Equal("Ліцей № 900", (await Silo.Admin.GetFacilityAsync(key)).Registration!.Name);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("bad.csv:3", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.GetFacilityAsync($"{key}-b"))).Status);
    }

    [Fact]
    public async Task ImportConcept_AsAPlanner_DryRunShowsTheChangeThenImportsItAndAgainChangesNothing()
    {
        var (planner, _, _) = await Silo.KeyAsync(ApiRole.Planner, name: "планувальник Шевчук");

        var dry = await planner.ImportAsync("concept", "zvit-2025.txt", ConceptFile.Edited, dryRun: true);
        var afterDry = (await Silo.Public.GetProjectAsync(ConceptFile.Platform)).Project.Reports[0];
        var applied = await planner.ImportAsync("concept", "zvit-2025.txt", ConceptFile.Edited, dryRun: false);
        var report = (await Silo.Public.GetProjectAsync(ConceptFile.Platform)).Project.Reports[0];
        var again = await planner.ImportAsync("concept", "zvit-2025.txt", ConceptFile.Edited, dryRun: false);
        var restored = await planner.ImportAsync("concept", "zvit-2025.txt", ConceptFile.Shipped, dryRun: false);

        var change = Assert.Single(dry.Changes);
        Assert.Equal(("report", ConceptFile.Platform, 9, "statusText"), (change.Entity, change.Key, change.Line!.Value, Assert.Single(change.Fields).Field));
        Assert.False(dry.Applied);
        Assert.Contains("оприлюднювалась інформація", afterDry.Report.StatusText, StringComparison.Ordinal);
        Assert.True(applied.Applied);
        Assert.Equal(new Grains.Imports.ImportCounts("report", 0, 1, 212, 0), applied.Counts.Single(c => c.Entity == "report"));
        Assert.Contains("оприлюднено інформацію", report.Report.StatusText, StringComparison.Ordinal);
        Assert.Equal("планувальник Шевчук", report.SubmittedBy);
        Assert.True(again.Applied);
        Assert.Empty(again.Changes);
        Assert.Single(restored.Changes);
    }
}
