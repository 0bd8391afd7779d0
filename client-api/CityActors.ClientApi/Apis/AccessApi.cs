using CityActors.ClientApi.Access;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Audit;
using CityActors.Grains.Directory;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>API keys (admin), the caller's own identity, and the audit of writes.</summary>
public static class AccessApi
{
    public static RouteGroupBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Access");
        api.MapGet("/me", (Caller caller) => TypedResults.Ok(new CallerInfo(caller.KeyId, caller.Name, caller.Role, caller.Department)))
            .WithName("GetCaller").WithSummary("Who the key in use belongs to").Produces<CallerInfo>();
        api.MapPost("/keys", CreateKeyAsync).WithName("CreateKey").WithSummary("Creates an API key; its secret is in this answer only")
            .AcceptsJson<ApiKeyRequest>().Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .RequireRole(ApiRole.Admin).AuditedAs("key.create", null).Idempotent();
        api.MapGet("/keys", async (CityGrains city) => TypedResults.Ok(await city.Access.ListKeysAsync()))
            .WithName("ListKeys").WithSummary("Every key, revoked ones too; never a secret").Produces<IReadOnlyList<ApiKeyInfo>>().RequireRole(ApiRole.Admin);
        api.MapDelete("/keys/{id}", RevokeKeyAsync).WithName("RevokeKey").WithSummary("Revokes a key")
            .Produces<ApiKeyInfo>().ProducesProblems(StatusCodes.Status404NotFound).RequireRole(ApiRole.Admin).AuditedAs("key.revoke", "id");
        api.MapGet("/audit", AuditAsync).WithName("ListAudit").WithSummary("Write requests: who, when, from where, what (a department sees its own)")
            .Produces<AuditPage>().ProducesProblems(StatusCodes.Status422UnprocessableEntity).RequireKey();
        return api;
    }

    static async Task<IResult> CreateKeyAsync(HttpRequest request, Caller caller, CityGrains city)
    {
        var body = await ApiJson.ReadAsync<ApiKeyRequest>(request);
        var created = await city.Access.CreateKeyAsync(body, new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), caller.Name));
        request.HttpContext.Say($"created key {created.Key.Id} '{created.Key.Name}' ({created.Key.Role.ToString().ToLowerInvariant()}{(created.Key.Department is { } d ? $", {d}" : "")})",
            AuditChanges.Between(null, created.Key));
        return TypedResults.Created($"/api/v1/keys/{created.Key.Id}", created);
    }

    static async Task<IResult> RevokeKeyAsync(string id, HttpRequest request, Caller caller, CityGrains city, ApiKeyResolver keys)
    {
        var before = (await city.Access.ListKeysAsync()).FirstOrDefault(k => k.Id == id);
        var revoked = await city.Access.RevokeKeyAsync(id, new ChangeContext(caller.Source, Guid.NewGuid().ToString("N"), caller.Name));
        keys.Forget();
        request.HttpContext.Say($"revoked key {revoked.Id} '{revoked.Name}'", AuditChanges.Between(before, revoked));
        return TypedResults.Ok(revoked);
    }

    static async Task<IResult> AuditAsync(HttpRequest request, Caller caller, IGrainFactory grains, CityGrains city, TimeProvider time)
    {
        var q = request.Query;
        var to = QueryValues.Time(q["to"], "to") ?? time.GetUtcNow().AddMinutes(1);
        var from = QueryValues.Time(q["from"], "from") ?? to.AddDays(-1);
        if (from >= to || to - from > TimeSpan.FromDays(31))
            throw new ValidationException("from", "must be before 'to', at most 31 days before it.");
        var offset = QueryValues.Int(q["offset"], "offset", 0, 0, int.MaxValue);
        var limit = QueryValues.Int(q["limit"], "limit", 100, 1, FacilityQuery.MaxLimit);
        var department = caller.Role == ApiRole.Department ? caller.Department : (q["department"].ToString() is { Length: > 0 } d ? d : null);
        var filter = new AuditFilter(from, to, Text(q["keyId"]), Text(q["action"]), Text(q["target"]), department);
        var days = new List<string>();
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date; day = day.AddDays(1))
            days.Add(IAuditGrain.Key(city.Name, new DateTimeOffset(day, TimeSpan.Zero)));
        var entries = (await Task.WhenAll(days.Select(d => grains.GetGrain<IAuditGrain>(d).ListAsync(filter)))).SelectMany(e => e).ToList();
        return TypedResults.Ok(new AuditPage([.. entries.Skip(offset).Take(limit)], entries.Count, offset, limit));
    }

    static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
