using CityActors.ClientApi.Access;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Active alarms: list; acknowledge and clear, with who and why.</summary>
public static class AlarmsApi
{
    public static RouteGroupBuilder MapAlarmsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Alarms");
        api.MapGet("/alarms", ListAsync).WithName("ListAlarms").WithSummary("Active alarms, the most severe and newest first").Produces<AlarmPage>().ProducesProblems(StatusCodes.Status422UnprocessableEntity).RequireKey();
        api.MapPost("/facilities/{key}/alarms/{type}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeAlarm").WithSummary("Acknowledges a facility's active alarm")
            .AcceptsJson<AlarmActionRequest>().Produces<FacilitySnapshot>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Operator, ApiRole.Department).AuditedAs("alarm.acknowledge").Idempotent();
        api.MapPost("/facilities/{key}/alarms/{type}/clear", ClearAsync).WithName("ClearAlarm").WithSummary("Clears a facility's active alarm (not the offline alarm)")
            .AcceptsJson<AlarmActionRequest>().Produces<FacilitySnapshot>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Operator, ApiRole.Department).AuditedAs("alarm.clear").Idempotent();
        return api;
    }

    static async Task<IResult> ListAsync(HttpRequest request, CityGrains city)
    {
        var q = request.Query;
        var query = new AlarmQuery(
            Severity: QueryValues.Enum<AlarmSeverity>(q["severity"], "severity"),
            State: QueryValues.Enum<AlarmState>(q["state"], "state"),
            Type: Text(q["type"]), Kind: Text(q["kind"]), District: Text(q["district"]), Department: Text(q["department"]), Facility: Text(q["facility"]),
            Offset: QueryValues.Int(q["offset"], "offset", 0, 0, int.MaxValue),
            Limit: QueryValues.Int(q["limit"], "limit", FacilityQuery.DefaultLimit, 1, FacilityQuery.MaxLimit));
        return TypedResults.Ok(await city.Directory.ListAlarmsAsync(query));
    }

    static Task<IResult> AcknowledgeAsync(string key, string type, HttpRequest request, Caller caller, CityGrains city)
        => ActAsync(key, type, request, caller, city, "acknowledged", (f, change) => f.AcknowledgeAlarmAsync(type, change));

    static Task<IResult> ClearAsync(string key, string type, HttpRequest request, Caller caller, CityGrains city)
        => ActAsync(key, type, request, caller, city, "cleared", (f, change) => f.ClearAlarmAsync(type, change));

    static async Task<IResult> ActAsync(string key, string type, HttpRequest request, Caller caller, CityGrains city, string done, Func<IFacilityGrain, ChangeContext, Task> act)
    {
        var body = request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType()) ? new AlarmActionRequest()
            : await ApiJson.ReadAsync<AlarmActionRequest>(request);
        var snapshot = await FacilitiesApi.RegisteredAsync(city, key);
        if (caller.Role == ApiRole.Department)
            caller.EnsureOwns(snapshot.Registration!.Department, $"Facility '{key}'");
        var change = new ChangeContext(caller.Source, Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), body.By ?? caller.Name, body.Reason);
        await act(city.Facility(key), change);
        var after = await city.Facility(key).GetSnapshotAsync();
        request.HttpContext.Say($"alarm '{type}' {done} by {change.By}{(body.Reason is null ? "" : $": {body.Reason}")}",
            AuditChanges.BetweenLive(snapshot, after));
        return TypedResults.Ok(after);
    }

    static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
