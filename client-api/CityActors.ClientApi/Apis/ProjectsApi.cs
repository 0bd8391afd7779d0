using CityActors.ClientApi.Access;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Concept;
using CityActors.Grains.Projects;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>The Concept's projects by position (priority → strategic goal → task → project) and their yearly reports.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Projects");
        api.MapGet("/concept", async (CityGrains city) => TypedResults.Ok(await TreeAsync(city)))
            .WithName("GetConcept").WithSummary("The Concept of Integrated Development as imported: priorities, goals, tasks, projects").Produces<ConceptTree>();
        api.MapGet("/projects", ListAsync).WithName("ListProjects")
            .WithSummary("Projects, filtered by position prefix (p2, p2.g1, p2.g1.t3), department or text").Produces<IReadOnlyList<ProjectListing>>();
        api.MapGet("/projects/{id}", GetAsync).WithName("GetProject").WithSummary("A project by key or position, with its yearly reports").Produces<ProjectDetails>().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/projects/{id}/reports/{year}", GetReportAsync).WithName("GetProjectReport").WithSummary("A project's report for a year").Produces<SubmittedReport>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/projects/{id}/reports/{year}", SubmitReportAsync).WithName("SubmitProjectReport")
            .WithSummary("Submits a project's report for a year (a department: only for projects it answers for)")
            .AcceptsJson<ProjectReportRequest>().Produces<SubmittedReport>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Department).AuditedAs("project.report", "id").Idempotent();
        api.MapGet("/concept/status-rules", async (CityGrains city) => TypedResults.Ok(await city.Concept.GetStatusRulesAsync()))
            .WithName("GetStatusRules").WithSummary("The ordered rules that give a report text its status class (the first that matches decides), with what each recognises")
            .Produces<IReadOnlyList<StatusRuleInfo>>();
        api.MapPut("/projects/{id}/status-override", SetStatusOverrideAsync).WithName("SetStatusOverride")
            .WithSummary("Gives a project of the Concept a status class whatever its report text says, for every year, now and at later imports")
            .AcceptsJson<StatusOverrideRequest>().Produces<ProjectDetails>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Planner).AuditedAs("project.status-override", "id").Idempotent();
        api.MapDelete("/projects/{id}/status-override", RemoveStatusOverrideAsync).WithName("RemoveStatusOverride")
            .WithSummary("Removes a project's status override (?reason=…): the rules decide its class again").Produces<ProjectDetails>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Planner).AuditedAs("project.status-override", "id").Idempotent();
        return api;
    }

    /// <summary>The Concept tree; 503 while the Concept cannot be read.</summary>
    public static async Task<ConceptTree> TreeAsync(CityGrains city)
    {
        ArgumentNullException.ThrowIfNull(city);
        try
        {
            return await city.Concept.GetTreeAsync();
        }
        catch (ArgumentException exception) when (exception.Message.StartsWith("No grain class", StringComparison.Ordinal))
        {
            throw new ApiProblemException(StatusCodes.Status501NotImplemented, "No Concept in this silo", "This silo was built without the Concept import; projects are not available.");
        }
    }

    public static async Task<IReadOnlyList<ProjectListing>> ListAllAsync(CityGrains city)
    {
        var tree = await TreeAsync(city);
        return [.. from p in tree.Priorities from g in p.Goals from t in g.Tasks from pr in t.Projects
                   select new ProjectListing(pr.GrainKey, pr.Position, p.Title, g.Title, t.Description, pr.Name, pr.Period, pr.Departments, pr.Years)];
    }

    static async Task<IResult> ListAsync(HttpRequest request, CityGrains city)
    {
        var position = request.Query["position"].ToString();
        var department = request.Query["department"].ToString();
        var text = request.Query["q"].ToString();
        var all = await ListAllAsync(city);
        return TypedResults.Ok(all.Where(p =>
                (position.Length == 0 || p.Position == position || p.Position.StartsWith(position + ".", StringComparison.Ordinal))
                && (department.Length == 0 || p.Departments.Any(d => d.Id == department))
                && (text.Length == 0 || p.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Task.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .ToList());
    }

    static async Task<(ProjectListing? Listing, ProjectSnapshot Snapshot)> FindAsync(CityGrains city, string id)
    {
        QueryValues.Key(id, "id");
        var listing = (await ListAllAsync(city)).FirstOrDefault(p => p.Key == id || p.Position == id);
        var snapshot = await city.Project(listing?.Key ?? id).GetAsync();
        return snapshot.Registration is null && listing is null ? throw new NotRegisteredException("project", id) : (listing, snapshot);
    }

    static async Task<IResult> GetAsync(string id, CityGrains city)
    {
        var (listing, snapshot) = await FindAsync(city, id);
        return TypedResults.Ok(new ProjectDetails(listing, snapshot));
    }

    static async Task<IResult> GetReportAsync(string id, string year, CityGrains city)
    {
        var number = QueryValues.Int(year, "year", 0, 2000, 2100);
        var (_, snapshot) = await FindAsync(city, id);
        var report = snapshot.Reports.FirstOrDefault(r => r.Report.Year == number)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "No report", $"Project '{snapshot.Key}' has no report for {number}.");
        return TypedResults.Ok(report);
    }

    static async Task<IResult> SetStatusOverrideAsync(string id, HttpRequest request, Caller caller, CityGrains city)
    {
        var body = await ApiJson.ReadAsync<StatusOverrideRequest>(request);
        return await OverrideAsync(id, body.StatusClass, body.Reason, request, caller, city);
    }

    static Task<IResult> RemoveStatusOverrideAsync(string id, HttpRequest request, Caller caller, CityGrains city)
        => OverrideAsync(id, null, request.Query["reason"].ToString() is { Length: > 0 } reason ? reason : null, request, caller, city);

    static async Task<IResult> OverrideAsync(string id, StatusClass? statusClass, string? reason, HttpRequest request, Caller caller, CityGrains city)
    {
        var (_, snapshot) = await FindAsync(city, id);
        await city.Concept.SetStatusOverrideAsync(snapshot.Key, statusClass,
            new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), caller.Name, reason));
        request.HttpContext.Say($"status override of '{snapshot.Key}': {statusClass?.ToString() ?? "removed"}");
        var (listing, after) = await FindAsync(city, snapshot.Key);
        return TypedResults.Ok(new ProjectDetails(listing, after));
    }

    static async Task<IResult> SubmitReportAsync(string id, string year, HttpRequest request, Caller caller, CityGrains city)
    {
        var number = QueryValues.Int(year, "year", 0, 2000, 2100);
        var body = await ApiJson.ReadAsync<ProjectReportRequest>(request);
        var (_, snapshot) = await FindAsync(city, id);
        var registration = snapshot.Registration ?? throw new NotRegisteredException("project", id);
        if (caller.Role != ApiRole.Admin && !registration.Departments.Contains(caller.Department ?? ""))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Not your department's",
                $"Project '{snapshot.Key}' is answered for by {string.Join(", ", registration.Departments)}; this key writes only for '{caller.Department}'. Nothing was changed.");
        var report = new ProjectReport(number, body.StatusText, body.StatusClass, body.CompletionPercent, body.MoneyPlanned, body.MoneySpent);
        var grain = city.Project(snapshot.Key);
        await grain.SubmitReportAsync(report, new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), caller.Name, body.Reason));
        var submitted = (await grain.GetAsync()).Reports.First(r => r.Report.Year == number);
        request.HttpContext.Say($"report {number} of '{snapshot.Key}': {body.StatusClass}",
            AuditChanges.Between(snapshot.Reports.FirstOrDefault(r => r.Report.Year == number)?.Report, submitted.Report));
        return TypedResults.Ok(submitted);
    }
}
