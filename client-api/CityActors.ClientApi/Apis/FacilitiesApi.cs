using CityActors.ClientApi.Access;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Facilities: list, get, register, history, state as of a time. Status updates are in <see cref="FacilityUpdatesApi"/>.</summary>
public static class FacilitiesApi
{
    public static RouteGroupBuilder MapFacilitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1/facilities", "Facilities");
        api.MapGet("/", ListAsync).WithName("ListFacilities").WithSummary("Facilities with filters, order and paging (public: unpublishable locations and their addresses withheld)")
            .Produces<FacilityPage>().ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{key}", GetAsync).WithName("GetFacility").WithSummary("A facility's live state").Produces<FacilitySnapshot>().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPut("/{key}", RegisterAsync).WithName("RegisterFacility").WithSummary("Registers a facility or changes its registry data")
            .AcceptsJson<RegisterFacilityRequest>().Produces<FacilitySnapshot>().Produces<FacilitySnapshot>(StatusCodes.Status201Created)
            .RequireRole(ApiRole.Admin, ApiRole.Department).AuditedAs("facility.register").Idempotent();
        api.MapGet("/{key}/history", HistoryAsync).WithName("GetFacilityHistory").WithSummary("Changes observed in [from, to), oldest first")
            .Produces<IReadOnlyList<FacilityHistoryEntry>>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity).RequireKey();
        api.MapGet("/{key}/state", StateAtAsync).WithName("GetFacilityStateAt").WithSummary("The facility's state as it was at a moment")
            .Produces<FacilitySnapshot>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity).RequireKey();
        return api;
    }

    static async Task<IResult> ListAsync(HttpRequest request, Caller caller, CityGrains city)
    {
        var q = request.Query;
        var query = new FacilityQuery(
            Kind: Text(q["kind"]), Status: Text(q["status"]), District: Text(q["district"]), Department: Text(q["department"]),
            Alarm: QueryValues.Enum<AlarmFilter>(q["alarm"], "alarm") ?? AlarmFilter.All,
            Available: QueryValues.Bool(q["available"], "available"),
            Search: Text(q["q"]),
            Sort: QueryValues.Enum<FacilitySort>(q["sort"], "sort") ?? FacilitySort.Key,
            Descending: QueryValues.Bool(q["desc"], "desc") ?? false,
            Offset: QueryValues.Int(q["offset"], "offset", 0, 0, int.MaxValue),
            Limit: QueryValues.Int(q["limit"], "limit", FacilityQuery.DefaultLimit, 1, FacilityQuery.MaxLimit),
            SearchWithheldAddresses: !caller.IsPublic);
        var page = await city.Directory.ListAsync(query);
        return TypedResults.Ok(caller.IsPublic ? page with { Items = [.. page.Items.Select(Publishable)] } : page);
    }

    static async Task<IResult> GetAsync(string key, Caller caller, CityGrains city)
    {
        var snapshot = await RegisteredAsync(city, key);
        return TypedResults.Ok(caller.IsPublic ? Publishable(snapshot) : snapshot);
    }

    static async Task<IResult> RegisterAsync(string key, HttpRequest request, Caller caller, CityGrains city)
    {
        QueryValues.Key(key, "key");
        var body = await ApiJson.ReadAsync<RegisterFacilityRequest>(request);
        var facility = city.Facility(key);
        var before = await facility.GetSnapshotAsync();
        if (before.Registration is { } current)
            caller.EnsureOwns(current.Department, $"Facility '{key}'");
        caller.EnsureOwns(body.Department, $"A facility of department '{body.Department}'");
        var registration = body.ToRegistration();
        await facility.RegisterAsync(registration, new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), caller.Name, body.Reason));
        var after = await facility.GetSnapshotAsync();
        var changes = AuditChanges.Between(before.Registration, after.Registration);
        request.HttpContext.Say(before.Registration is null ? $"registered {registration.Kind} '{registration.Name}' ({registration.Department})"
            : changes.Count == 0 ? "registry data unchanged" : $"registry data changed: {string.Join(", ", changes.Select(c => c.Field))}", changes);
        return before.Registration is null ? TypedResults.Created($"/api/v1/facilities/{key}", after) : TypedResults.Ok(after);
    }

    static async Task<IResult> HistoryAsync(string key, HttpRequest request, CityGrains city, TimeProvider time)
    {
        var to = QueryValues.Time(request.Query["to"], "to") ?? time.GetUtcNow().AddMinutes(1);
        var from = QueryValues.Time(request.Query["from"], "from") ?? to.AddDays(-1);
        if (from >= to)
            throw new ValidationException("from", "must be before 'to'.");
        await RegisteredAsync(city, key);
        return TypedResults.Ok(await city.Facility(key).GetHistoryAsync(from, to));
    }

    static async Task<IResult> StateAtAsync(string key, HttpRequest request, CityGrains city)
    {
        var at = QueryValues.Time(request.Query["at"], "at") ?? throw new ValidationException("at", "is required: the moment to show the state at (ISO 8601).");
        await RegisteredAsync(city, key);
        return TypedResults.Ok(await city.Facility(key).GetStateAtAsync(at));
    }

    /// <summary>The facility's live state; 404 when the key is not a key or nothing is registered under it.</summary>
    public static async Task<FacilitySnapshot> RegisteredAsync(CityGrains city, string key)
    {
        ArgumentNullException.ThrowIfNull(city);
        QueryValues.Key(key, "key");
        var snapshot = await city.Facility(key).GetSnapshotAsync();
        return snapshot.Registration is null ? throw new NotRegisteredException("facility", key) : snapshot;
    }

    /// <remarks>For a shelter or a camera the address is its location: both are withheld, the address as an empty string.</remarks>
    static FacilityListing Publishable(FacilityListing f) => f.LocationPublic ? f : f with { Location = null, Address = "" };

    static FacilitySnapshot Publishable(FacilitySnapshot s)
        => s.Registration is { LocationPublic: false } r ? s with { Registration = r with { Location = null, Address = "" } } : s;

    static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
