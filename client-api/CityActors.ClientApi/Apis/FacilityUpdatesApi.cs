using CityActors.ClientApi.Access;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Options;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Status updates: one, or a batch with a result per item.</summary>
/// <remarks>
/// A batch is checked whole before any of it is applied: shape, size, ownership, known facilities, statuses and
/// reading ranges against each facility's kind. One bad item refuses the batch and changes nothing.
/// </remarks>
public static class FacilityUpdatesApi
{
    public static RouteGroupBuilder MapFacilityUpdatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1/facilities", "Status updates");
        api.MapPost("/{key}/status", ReportAsync).WithName("ReportStatus").WithSummary("Pushes one status update")
            .AcceptsJson<StatusUpdateRequest>().Produces<UpdateResponse>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireRole(ApiRole.Admin, ApiRole.Department).AuditedAs("facility.status").Idempotent();
        api.MapPost("/status/batch", BatchAsync).WithName("ReportStatusBatch").WithSummary("Pushes up to 10,000 status updates, with a result per item")
            .AcceptsJson<BatchUpdateItem[]>().Produces<BatchResponse>().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)
            .RequireRole(ApiRole.Admin, ApiRole.Department).AuditedAs("facility.batch", null).Idempotent();
        return api;
    }

    static async Task<IResult> ReportAsync(string key, HttpRequest request, Caller caller, CityGrains city, TimeProvider time)
    {
        var body = await ApiJson.ReadAsync<StatusUpdateRequest>(request);
        var snapshot = await FacilitiesApi.RegisteredAsync(city, key);
        caller.EnsureOwns(snapshot.Registration!.Department, $"Facility '{key}'");
        var update = new StatusUpdate(body.Status, body.Readings ?? new Dictionary<string, double>(), body.ObservedAt ?? time.GetUtcNow(),
            body.Source ?? caller.Source, body.Id ?? Idempotency.KeyOf(request) ?? Guid.NewGuid().ToString("N"), body.By ?? caller.Name, body.Reason);
        var result = await city.Facility(key).ReportStatusAsync(update);
        var after = await city.Facility(key).GetSnapshotAsync();
        request.HttpContext.Say($"{update.Status} {Readings(update.Readings)}→ {result.Outcome.ToString().ToLowerInvariant()} (version {result.Version})",
            AuditChanges.BetweenLive(snapshot, after));
        return TypedResults.Ok(new UpdateResponse(key, result.Outcome, result.Version, update.Source, update.Id));
    }

    static async Task<IResult> BatchAsync(HttpRequest request, Caller caller, CityGrains city, TimeProvider time, IOptions<ClientApiOptions> options)
    {
        var items = await ApiJson.ReadAsync<BatchUpdateItem[]>(request);
        var max = options.Value.MaxBatch;
        if (items.Length > max)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"A batch may carry at most {max:N0} updates; this one has {items.Length:N0}. Split it.", "$");
        if (items.Length == 0)
            throw new ValidationException("$", "the batch is empty.");
        var now = time.GetUtcNow();
        var idempotencyKey = Idempotency.KeyOf(request);
        var updates = items.Select((item, i) => new StatusUpdate(item.Status, item.Readings ?? new Dictionary<string, double>(), item.ObservedAt ?? now,
            item.Source ?? caller.Source, item.Id ?? (idempotencyKey is null ? Guid.NewGuid().ToString("N") : $"{idempotencyKey}#{i}"), item.By ?? caller.Name, item.Reason)).ToArray();

        var registrations = await RegistrationsAsync(city, items);
        Refuse(StatusCodes.Status404NotFound, "Unknown facility", "are not registered",
            items.Select((item, i) => registrations.GetValueOrDefault(item.Facility) is null ? new BatchItemError(i, item.Facility, "facility", $"'{item.Facility}' is not registered.") : null));
        Refuse(StatusCodes.Status403Forbidden, "Not your department's", "belong to another department",
            items.Select((item, i) => caller.Owns(registrations[item.Facility]!.Department) ? null
                : new BatchItemError(i, item.Facility, "facility", $"'{item.Facility}' belongs to '{registrations[item.Facility]!.Department}'.")));
        var kinds = (await city.Kinds.GetKindsAsync()).ToDictionary(k => k.Id, StringComparer.Ordinal);
        Refuse(StatusCodes.Status422UnprocessableEntity, "Invalid updates", "are invalid",
            items.Select((item, i) => Check(updates[i], kinds.GetValueOrDefault(registrations[item.Facility]!.Kind), now) is { } error
                ? new BatchItemError(i, item.Facility, error.Field, error.Reason) : null));

        var results = await ApplyAsync(city, items, updates);
        var response = new BatchResponse(results.Length, Count(results, UpdateOutcome.Applied), Count(results, UpdateOutcome.Heartbeat),
            Count(results, UpdateOutcome.Late), Count(results, UpdateOutcome.Duplicate), results);
        request.HttpContext.Say($"{response.Count} updates: {response.Applied} applied, {response.Heartbeats} heartbeats, {response.Late} late, {response.Duplicates} duplicates");
        return TypedResults.Ok(response);
    }

    static async Task<Dictionary<string, FacilityRegistration?>> RegistrationsAsync(CityGrains city, BatchUpdateItem[] items)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            if (keys.Add(items[i].Facility))
            {
                try
                {
                    QueryValues.Key(items[i].Facility, "facility");
                }
                catch (ValidationException e)
                {
                    throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Invalid updates", $"Item {i}: {e.Reason} Nothing was applied.", $"[{i}].facility",
                        new[] { new BatchItemError(i, items[i].Facility, "facility", e.Reason) });
                }
            }
        }
        var snapshots = await Task.WhenAll(keys.Select(k => city.Facility(k).GetSnapshotAsync()));
        return snapshots.ToDictionary(s => s.Key, s => s.Registration, StringComparer.Ordinal);
    }

    static ValidationException? Check(StatusUpdate update, FacilityKind? kind, DateTimeOffset now)
    {
        if (kind is null)
            return new ValidationException("facility", "its kind is not known to the city.");
        try
        {
            FacilityValidation.ValidateUpdate(update, kind, now);
            return null;
        }
        catch (ValidationException e)
        {
            return e;
        }
    }

    static void Refuse(int status, string title, string what, IEnumerable<BatchItemError?> errors)
    {
        var list = errors.OfType<BatchItemError>().ToList();
        if (list.Count == 0)
            return;
        var first = list[0];
        throw new ApiProblemException(status, title,
            $"{list.Count:N0} item(s) {what}; the first is item {first.Index} ({first.Facility}): {first.Reason} Nothing was applied.", $"[{first.Index}].{first.Field}", list.Take(1000).ToList());
    }

    /// <summary>Applies in order per facility and in parallel across facilities.</summary>
    static async Task<BatchItemResult[]> ApplyAsync(CityGrains city, BatchUpdateItem[] items, StatusUpdate[] updates)
    {
        var results = new BatchItemResult[items.Length];
        var failures = new List<Exception>();
        await Task.WhenAll(Enumerable.Range(0, items.Length).GroupBy(i => items[i].Facility, StringComparer.Ordinal).Select(async group =>
        {
            var facility = city.Facility(group.Key);
            foreach (var i in group)
            {
                try
                {
                    var result = await facility.ReportStatusAsync(updates[i]);
                    results[i] = new BatchItemResult(i, group.Key, result.Outcome, result.Version, updates[i].Id);
                }
                catch (Exception exception)
                {
                    lock (failures)
                        failures.Add(exception);
                    return;
                }
            }
        }));
        // Checked whole beforehand, so what fails here is the store: what was applied is durable, and a retry with the
        // same ids applies the rest once.
        if (failures.Count > 0)
            throw failures.FirstOrDefault(f => f is StorageUnavailableException or TimeoutException or SiloUnavailableException) ?? failures[0];
        return results;
    }

    static int Count(BatchItemResult[] results, UpdateOutcome outcome) => results.Count(r => r.Outcome == outcome);

    static string Readings(IReadOnlyDictionary<string, double> readings)
        => readings.Count == 0 ? "" : string.Join(", ", readings.Select(r => FormattableString.Invariant($"{r.Key}={r.Value}"))) + " ";
}
