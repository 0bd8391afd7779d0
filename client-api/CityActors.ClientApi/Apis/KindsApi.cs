using CityActors.ClientApi.Access;
using CityActors.ClientApi.Http;
using CityActors.ClientApi.OpenApi;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Kinds;

namespace CityActors.ClientApi.Apis;

/// <summary>Facility kinds: listed by anyone, defined and changed by operators and admins without a code change.</summary>
public static class KindsApi
{
    public static RouteGroupBuilder MapKindsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1/kinds", "Kinds");
        api.MapGet("/", async (CityGrains city) => TypedResults.Ok(await city.Kinds.GetKindsAsync()))
            .WithName("ListKinds").WithSummary("Facility kinds: statuses, readings with ranges, alarm rules").Produces<IReadOnlyList<FacilityKind>>();
        api.MapGet("/{id}", GetAsync).WithName("GetKind").WithSummary("A facility kind")
            .Produces<FacilityKind>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/{id}", PutAsync).WithName("PutKind")
            .WithSummary("Defines a facility kind or replaces its definition (201 when new): statuses, readings with unit and range, offline period, alarm rules")
            .AcceptsJson<FacilityKind>().Produces<FacilityKind>().Produces<FacilityKind>(StatusCodes.Status201Created)
            .RequireRole(ApiRole.Admin, ApiRole.Operator).AuditedAs("kind.put", "id").Idempotent();
        return api;
    }

    static async Task<IResult> GetAsync(string id, CityGrains city)
    {
        QueryValues.Key(id, "id");
        return TypedResults.Ok(await city.Kinds.GetKindAsync(id) ?? throw Unknown(id));
    }

    /// <remarks>The body is the kind as <c>GET /kinds/{id}</c> answers it, so a definition can be fetched, edited and put back.</remarks>
    static async Task<IResult> PutAsync(string id, HttpRequest request, Caller caller, CityGrains city)
    {
        QueryValues.Key(id, "id");
        var kind = await ApiJson.ReadAsync<FacilityKind>(request);
        if (kind.Id != id)
            throw new ValidationException("id", $"the body's id '{kind.Id}' is not the id in the path, '{id}'.");
        var before = await city.Kinds.GetKindAsync(id);
        await city.Kinds.PutKindAsync(kind, new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), caller.Name));
        var after = await city.Kinds.GetKindAsync(id) ?? throw Unknown(id);
        var changes = AuditChanges.Between(before, after);
        request.HttpContext.Say(before is null ? $"defined kind '{id}' ({kind.Name})"
            : changes.Count == 0 ? "kind unchanged" : $"kind '{id}' changed: {string.Join(", ", changes.Select(c => c.Field))}", changes);
        return before is null ? TypedResults.Created($"/api/v1/kinds/{id}", after) : TypedResults.Ok(after);
    }

    static ApiProblemException Unknown(string id)
        => new(StatusCodes.Status404NotFound, "Unknown kind", $"There is no facility kind '{id}'; GET /api/v1/kinds lists them.");
}
