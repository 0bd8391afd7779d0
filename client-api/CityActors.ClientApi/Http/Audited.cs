using CityActors.ClientApi.Access;
using CityActors.Grains.Audit;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Http;

/// <summary>The audit filter every write endpoint carries.</summary>
public static class Audited
{
    /// <summary>What the handler says changed, in a line and field by field (<see cref="AuditChanges"/>); the filter records it.</summary>
    public static void Say(this HttpContext context, string what, IReadOnlyList<AuditChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[typeof(AuditEntry)] = (what, changes);
    }

    /// <summary>Audits the request and turns a refused request into its problem details.</summary>
    /// <remarks>
    /// The answer waits until the entry is durable. If it is not within <see cref="ClientApiOptions.AuditWait"/>, the answer
    /// is 503: what the request changed stays changed (and its entry stays queued), and a retry with the same
    /// Idempotency-Key, or the same source and id, changes nothing more.
    /// </remarks>
    public static RouteHandlerBuilder AuditedAs(this RouteHandlerBuilder builder, string action, string? targetRouteValue = "key")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception exception) when (Problems.From(exception) is { } problem)
            {
                result = problem;
            }
            var http = context.HttpContext;
            var services = http.RequestServices;
            var caller = http.Items[typeof(Caller)] as Caller ?? Caller.Public;
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            var (what, changes) = http.Items[typeof(AuditEntry)] is ValueTuple<string, IReadOnlyList<AuditChange>?> said ? said
                : (status < 400 ? "done" : $"refused: {(result as IValueHttpResult)?.Value switch { Microsoft.AspNetCore.Mvc.ProblemDetails p => p.Detail, _ => "" }}", null);
            var target = targetRouteValue is null ? null : http.Request.RouteValues[targetRouteValue]?.ToString();
            var time = services.GetRequiredService<TimeProvider>();
            var entry = new AuditEntry(time.GetUtcNow(), caller.KeyId, caller.Name, caller.Role?.ToString().ToLowerInvariant() ?? "public", caller.Department,
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.Request.Method, http.Request.Path, action, target, status, Truncate(what, 2000), changes);
            try
            {
                await services.GetRequiredService<AuditTrail>().RecordAsync(entry).WaitAsync(services.GetRequiredService<IOptions<ClientApiOptions>>().Value.AuditWait, time);
            }
            catch (Exception exception) when (exception is TimeoutException or StorageUnavailableException or SiloUnavailableException)
            {
                return new Problems.WithRetryAfter(Problems.Of(StatusCodes.Status503ServiceUnavailable, "Audit unavailable", status < 400
                    ? "The change was made, but the audit cannot store its entry yet (it stays queued and will be stored). Retrying with the same Idempotency-Key, or the same source and id, changes nothing more."
                    : "The request was refused and changed nothing, but the audit cannot store its entry yet."), Problems.StorageRetryAfterSeconds);
            }
            return result;
        });
    }

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
