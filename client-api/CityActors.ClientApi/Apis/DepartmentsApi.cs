using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Access;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Departments;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Departments: who they are, what they own, how they report.</summary>
public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1/departments", "Departments");
        api.MapGet("/", ListAsync).WithName("ListDepartments").WithSummary("Departments that own facilities or answer for projects").Produces<IReadOnlyList<DepartmentListing>>();
        api.MapGet("/{id}", GetAsync).WithName("GetDepartment").WithSummary("A department: its facilities by kind and its projects").Produces<DepartmentSnapshot>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{id}/reporting/{year}", ReportingAsync).WithName("GetDepartmentReporting")
            .WithSummary("How a department reported in a year: updates sent, project reports due, on time, late, missing").Produces<ReportingRecord>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity).RequireKey();
        return api;
    }

    static async Task<IResult> ListAsync(CityGrains city)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var area in (await city.Aggregate.GetRollupAsync()).Departments)
            names[area.Name] = null;
        IReadOnlyList<ProjectListing> projects;
        try
        {
            projects = await ProjectsApi.ListAllAsync(city);
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status501NotImplemented)
        {
            projects = []; // a silo without the Concept still lists the departments that own facilities
        }
        foreach (var project in projects)
        {
            foreach (var department in project.Departments)
                names[department.Id] = department.Name;
        }
        var listed = await Task.WhenAll(names.Select(async n => new DepartmentListing(n.Key, n.Value ?? (await city.Department(n.Key).GetAsync()).Registration?.Name)));
        return TypedResults.Ok(listed.OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
    }

    static async Task<IResult> GetAsync(string id, CityGrains city)
    {
        QueryValues.Key(id, "id");
        var snapshot = await city.Department(id).GetAsync();
        return snapshot.Registration is null && snapshot.FacilitiesByKind.Count == 0 && snapshot.Projects.Count == 0
            ? throw new NotRegisteredException("department", id)
            : TypedResults.Ok(snapshot);
    }

    static async Task<IResult> ReportingAsync(string id, string year, CityGrains city)
    {
        QueryValues.Key(id, "id");
        return TypedResults.Ok(await city.Department(id).GetReportingRecordAsync(QueryValues.Int(year, "year", 0, 2000, 2100)));
    }
}
