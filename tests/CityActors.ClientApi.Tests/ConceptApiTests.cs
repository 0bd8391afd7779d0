using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;
using CityActors.Grains.Concept;
using CityActors.Grains.Projects;

namespace CityActors.ClientApi.Tests;

/// <summary>The Concept's status rules and per-project status overrides over HTTP, on the 2025 report the silo loads at its first start.</summary>
public sealed class ConceptApiTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    const string Platform = ConceptFile.Platform;

    [Fact]
    public async Task StatusRules_WithoutAKey_ListTheOrderedTableWithWhatEachRecognises()
    {
        var rules = await silo.Public.StatusRulesAsync();

        Assert.Equal([1, 2, 3, 4, 5, 6], rules.Select(r => r.Order));
        Assert.Equal([StatusClass.NoInformation, StatusClass.SuspendedMartialLaw, StatusClass.NoLongerNeeded, StatusClass.NotImplemented, StatusClass.InProgress, StatusClass.Implemented],
            rules.Select(r => r.StatusClass));
        Assert.Contains("воєнного стану", rules[1].Recognises, StringComparison.Ordinal);
        Assert.Contains("воєнн", rules[1].Pattern, StringComparison.Ordinal);
        Assert.Equal("any other report of work done in the year", rules[^1].Recognises);
    }

    [Fact]
    public async Task StatusOverride_ByAPlanner_HoldsThenRemovedTheRulesDecideAgain()
    {
        var (planner, key, _) = await silo.KeyAsync(ApiRole.Planner, name: "планувальник Бондар");

        var set = await planner.SetStatusOverrideAsync(Platform, new StatusOverrideRequest(StatusClass.InProgress, "Портал ще наповнюється"));
        var report = (await silo.Public.GetProjectAsync(Platform)).Project.Reports.Single(r => r.Report.Year == 2025);
        var removed = await planner.RemoveStatusOverrideAsync("p1.g1.t1.pr1", "Правила дають правильний клас");
        var audit = await silo.Admin.AuditAsync(action: "project.status-override");

        Assert.Equal(new ConceptTreeYear(2025, StatusClass.InProgress, report.Report.StatusText, true), Assert.Single(set.Concept!.Years));
        Assert.Equal(ProjectStatusClass.InProgress, report.Report.StatusClass);
        Assert.Equal("планувальник Бондар", report.SubmittedBy);
        Assert.Equal((StatusClass.Implemented, false), (Assert.Single(removed.Concept!.Years).StatusClass, removed.Concept.Years[0].Overridden));
        Assert.Equal(ProjectStatusClass.Implemented, removed.Project.Reports.Single(r => r.Report.Year == 2025).Report.StatusClass);
        Assert.Equal(2, audit.Items.Count(e => e.KeyId == key.Id && e.Status == 200));
    }

    [Fact]
    public async Task StatusOverride_WithADepartmentKey_Is403AndChangesNothing()
    {
        var (education, _, _) = await silo.KeyAsync(ApiRole.Department, "education");
        var before = (await silo.Public.GetProjectAsync(Platform)).Project.Version;

        var refused = await Assert.ThrowsAsync<CityApiException>(() => education.SetStatusOverrideAsync(Platform, new StatusOverrideRequest(StatusClass.NotImplemented)));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(before, (await silo.Public.GetProjectAsync(Platform)).Project.Version);
    }

    [Fact]
    public async Task OpenApi_DescribesTheStatusRulesAndOverrides()
    {
        using var http = silo.Raw(null);

        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        Assert.StartsWith("The ordered rules", paths.GetProperty("/api/v1/concept/status-rules").GetProperty("get").GetProperty("summary").GetString(), StringComparison.Ordinal);
        var overrides = paths.GetProperty("/api/v1/projects/{id}/status-override");
        Assert.StartsWith("Gives a project", overrides.GetProperty("put").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Removes a project's status override", overrides.GetProperty("delete").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("Роботи тривають", overrides.GetProperty("put").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Platform, "application/json", """{"statusClass":"flying"}""", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData(Platform, "application/json", """{"reason":"без класу"}""", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData(Platform, "application/json", """{"statusClass":"inProgress","colour":"red"}""", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData(Platform, "text/plain", "inProgress", HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type")]
    [InlineData("p9.g9.t9.nothing", "application/json", """{"statusClass":"inProgress"}""", HttpStatusCode.NotFound, "Unknown project")]
    [InlineData(Platform, "application/json", "{\"statusClass\":\"inProgress\",\"reason\":\"LONG\"}", HttpStatusCode.UnprocessableEntity, "Invalid value")]
    public async Task StatusOverride_BadInput_IsAProblemAndChangesNothing(string project, string contentType, string body, HttpStatusCode expected, string title)
    {
        var before = (await silo.Public.GetProjectAsync(Platform)).Project.Version;
        using var http = silo.Raw(ApiSilo.AdminKey);

        using var response = await http.PutAsync($"/api/v1/projects/{project}/status-override",
            new StringContent(body.Replace("LONG", new string('ж', 2001), StringComparison.Ordinal), Encoding.UTF8, contentType));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(before, (await silo.Public.GetProjectAsync(Platform)).Project.Version);
    }
}
