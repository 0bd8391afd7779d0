using System.Net;
using System.Text;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;
using CityActors.Grains.Directory;

namespace CityActors.ClientApi.Tests;

/// <summary>Every write endpoint, called with a key that may not write there: 403 problem details, and nothing changed.</summary>
public sealed class ForbiddenWriteTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>, IAsyncLifetime
{
    readonly string _signal = $"signal-{Guid.NewGuid():N}"[..20];
    readonly string _school = $"school-{Guid.NewGuid():N}"[..20];
    string _education = null!;
    string _planner = null!;
    string _operator = null!;
    ApiKeyInfo _victimKey = null!;
    string _project = null!;
    string _overridden = null!;

    public async Task InitializeAsync()
    {
        await silo.Admin.RegisterFacilityAsync(_signal, ApiSilo.Signal("Світлофор: Київська — Хлібна", "transport"));
        await silo.Admin.RegisterFacilityAsync(_school, ApiSilo.School("Ліцей № 25", "education"));
        await silo.Admin.ReportStatusAsync(_signal, new StatusUpdateRequest("dark", new Dictionary<string, double> { ["mains-power"] = 0 }));
        _education = (await silo.KeyAsync(ApiRole.Department, "education")).Secret;
        _planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        _operator = (await silo.KeyAsync(ApiRole.Operator)).Secret;
        _victimKey = (await silo.KeyAsync(ApiRole.Department, "transport")).Key;
        // The silo imports the 2025 Concept at its first start: a project education does not answer for.
        var projects = await silo.Admin.ListProjectsAsync();
        _project = projects.First(p => p.Departments.Count > 0 && p.Departments.All(d => d.Id != "education")).Key;
        _overridden = projects.Last(p => p.Years.Count > 0).Key;
        await silo.Admin.SetStatusOverrideAsync(_overridden, new StatusOverrideRequest(Grains.Concept.StatusClass.NoLongerNeeded, "для перевірки"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> Cases => new()
    {
        { "department", "register another department's facility" },
        { "department", "register a new facility for another department" },
        { "department", "move its own facility to another department" },
        { "department", "push a status of another department's facility" },
        { "department", "push a batch touching another department's facility" },
        { "department", "acknowledge another department's alarm" },
        { "department", "clear another department's alarm" },
        { "department", "create a key" },
        { "department", "revoke a key" },
        { "department", "import the Concept" },
        { "department", "import facilities" },
        { "department", "submit another department's project report" },
        { "department", "override a project's status class" },
        { "department", "remove a project's status override" },
        { "department", "build the annual report" },
        { "planner", "submit a project report" },
        { "planner", "push a status" },
        { "planner", "acknowledge an alarm" },
        { "planner", "register a facility" },
        { "operator", "push a status" },
        { "operator", "push a batch" },
        { "operator", "create a key" },
        { "operator", "import the Concept" },
        { "operator", "import facilities" },
        { "operator", "override a project's status class" },
        { "operator", "build the annual report" },
    };

    HttpRequestMessage Request(string what) => what switch
    {
        "register another department's facility" or "register a facility" => Json(HttpMethod.Put, $"/api/v1/facilities/{_signal}", Body(ApiSilo.Signal("Світлофор (змінено)", "transport"))),
        "register a new facility for another department" => Json(HttpMethod.Put, $"/api/v1/facilities/{_signal}-new", Body(ApiSilo.Signal("Новий світлофор", "transport"))),
        "move its own facility to another department" => Json(HttpMethod.Put, $"/api/v1/facilities/{_school}", Body(ApiSilo.School("Ліцей № 25", "transport"))),
        "push a status of another department's facility" or "push a status" => Json(HttpMethod.Post, $"/api/v1/facilities/{_signal}/status", """{"status":"normal","readings":{"mains-power":1}}"""),
        "push a batch touching another department's facility" or "push a batch" => Json(HttpMethod.Post, "/api/v1/facilities/status/batch",
            $$"""[{"facility":"{{_school}}","status":"remote"},{"facility":"{{_signal}}","status":"normal"}]"""),
        "acknowledge another department's alarm" or "acknowledge an alarm" => Json(HttpMethod.Post, $"/api/v1/facilities/{_signal}/alarms/dark/acknowledge", """{"reason":"не моє"}"""),
        "clear another department's alarm" => Json(HttpMethod.Post, $"/api/v1/facilities/{_signal}/alarms/dark/clear", """{"reason":"не моє"}"""),
        "create a key" => Json(HttpMethod.Post, "/api/v1/keys", """{"name":"чужий ключ","role":"admin"}"""),
        "revoke a key" => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/keys/{_victimKey.Id}"),
        "import the Concept" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/concept?fileName=concept.txt") { Content = new StringContent("Звіт", Encoding.UTF8, "text/plain") },
        "import facilities" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/facilities?fileName=f.csv") { Content = new StringContent("key,kind\nx,school\n", Encoding.UTF8, "text/csv") },
        "submit another department's project report" or "submit a project report" => Json(HttpMethod.Put, $"/api/v1/projects/{_project}/reports/2025",
            """{"statusText":"Виконано","statusClass":"completed","completionPercent":100}"""),
        "override a project's status class" => Json(HttpMethod.Put, $"/api/v1/projects/{_project}/status-override", """{"statusClass":"notImplemented","reason":"не моє"}"""),
        "remove a project's status override" => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/projects/{_overridden}/status-override?reason=не%20моє"),
        // Only planners and admins build a version; reading the report (and building its first version by reading it) is public.
        "build the annual report" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports/2025/build"),
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
    };

    static string Body(RegisterFacilityRequest request) => System.Text.Json.JsonSerializer.Serialize(request, CityClient.Json);

    static HttpRequestMessage Json(HttpMethod method, string path, string body)
        => new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    async Task<string> StateAsync()
    {
        var signal = await silo.Admin.GetFacilityAsync(_signal);
        var school = await silo.Admin.GetFacilityAsync(_school);
        var keys = await silo.Admin.ListKeysAsync();
        var unknown = await silo.Admin.ListFacilitiesAsync(new FacilityQuery(Search: $"{_signal}-new"));
        var project = await silo.Admin.GetProjectAsync(_project);
        var overridden = await silo.Admin.GetProjectAsync(_overridden);
        var reports = await silo.Admin.ReportVersionsAsync(2025);
        return $"{reports.Count}|{signal.Version}/{signal.Registration}/{signal.Alarms.Single().State}|{school.Version}/{school.Registration}|{keys.Count}/{keys.Count(k => k.Active)}|{unknown.Total}"
            + $"|{project.Project.Version}/{project.Project.Reports.Count}/{Years(project)}|{overridden.Project.Version}/{Years(overridden)}";
    }

    static string Years(ProjectDetails project) => string.Join(",", project.Concept!.Years.Select(y => $"{y.Year}:{y.StatusClass}:{y.Overridden}"));

    [Fact]
    public async Task Write_Planner_MayImportAndOverrideStatusClasses()
    {
        var planner = new CityClient(silo.Raw(_planner));
        var csv = Encoding.UTF8.GetBytes($"id,kind,name,address,district,department\n{_school}-p,school,Ліцей № 77,вул. Київська,Корольовський,education\n");

        var concept = await planner.ImportAsync("concept", "concept.txt", ConceptFile.Shipped, dryRun: true);
        var facilities = await planner.ImportAsync("facilities", "f.csv", csv, dryRun: true);
        var project = (await planner.ListProjectsAsync()).First(p => p.Years.Count > 0 && p.Key != _overridden).Key;
        var overridden = await planner.SetStatusOverrideAsync(project, new StatusOverrideRequest(Grains.Concept.StatusClass.InProgress, "планувальник уточнив"));
        var removed = await planner.RemoveStatusOverrideAsync(project, "повернути правила");

        Assert.True(concept.DryRun);
        Assert.Empty(concept.Errors);
        Assert.Equal(1, facilities.Counts.Single().Created);
        Assert.NotEmpty(overridden.Concept!.Years);
        Assert.All(overridden.Concept.Years, y => Assert.True(y.Overridden));
        Assert.All(overridden.Concept.Years, y => Assert.Equal(Grains.Concept.StatusClass.InProgress, y.StatusClass));
        Assert.All(removed.Concept!.Years, y => Assert.False(y.Overridden));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_WithAKeyThatMayNot_Is403AndChangesNothing(string role, string what)
    {
        var key = role switch { "department" => _education, "planner" => _planner, _ => _operator };
        var before = await StateAsync();
        using var http = silo.Raw(key);

        using var response = await http.SendAsync(Request(what));
        var body = await response.Content.ReadAsStringAsync();
        await Task.Delay(100); // the directory would have seen a change by now
        var after = await StateAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} may not {what}: got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Write_OwnDepartment_IsAllowed()
    {
        var education = new CityClient(silo.Raw(_education));

        var own = await education.ReportStatusAsync(_school, new StatusUpdateRequest("remote"));
        var batch = await education.ReportBatchAsync([new BatchUpdateItem(_school, "open")]);
        var project = (await education.ListProjectsAsync(department: "education"))[0];
        var report = await education.SubmitProjectReportAsync(project.Key, 2025, new ProjectReportRequest("Проведено 12 медіашкіл", Grains.Projects.ProjectStatusClass.Implemented, 100));

        Assert.Equal(Grains.Facilities.UpdateOutcome.Applied, own.Outcome);
        Assert.Equal(1, batch.Applied);
        Assert.Equal("Проведено 12 медіашкіл", report.Report.StatusText);
        Assert.Equal("тест Department education", report.SubmittedBy);
    }

    [Fact]
    public async Task Refused_Writes_AreAudited()
    {
        using var http = silo.Raw(_education);
        using var response = await http.SendAsync(Request("push a status of another department's facility"));

        var audit = await silo.Admin.AuditAsync(action: "facility.status", target: _signal);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = Assert.Single(audit.Items, e => e.Status == 403);
        Assert.Equal("education", entry.Department);
        Assert.Contains("transport", entry.What, StringComparison.Ordinal);
    }
}
