using System.Threading.Channels;
using CityActors.ClientApi.Access;
using CityActors.Grains.Audit;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Http;

/// <summary>Writes the audit of write requests: entries from concurrent requests go to the day's audit grain together.</summary>
/// <remarks>
/// A request waits until its entry is durable. If storage fails, the entry is kept and written again later, and the
/// request is answered anyway: its change is already durable in the facility's own journal, with who made it.
/// </remarks>
public sealed partial class AuditTrail(IGrainFactory grains, IOptions<ClientApiOptions> options, ILogger<AuditTrail> logger) : BackgroundService
{
    const int MaxGroup = 2000;

    readonly Channel<(AuditEntry Entry, TaskCompletionSource Written)> _queue = Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>();

    public Task RecordAsync(AuditEntry entry)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite((entry, written)))
            return written.Task;
        // Stopping: the queue no longer drains, so the request writes its own entry.
        return grains.GetGrain<IAuditGrain>(IAuditGrain.Key(options.Value.City, entry.At)).AppendAsync([entry]);
    }

    /// <remarks>
    /// Closing the queue lets the loop write what is queued and end; without it the loop would wait for entries
    /// that never come, and the host would wait for the loop until its whole shutdown timeout ran out.
    /// </remarks>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<(AuditEntry Entry, TaskCompletionSource Written)>();
        var failures = 0;
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item))
                group.Add(item);
            try
            {
                foreach (var day in group.GroupBy(e => IAuditGrain.Key(options.Value.City, e.Entry.At)))
                    await grains.GetGrain<IAuditGrain>(day.Key).AppendAsync([.. day.Select(e => e.Entry)]);
                group.ForEach(e => e.Written.TrySetResult());
                group.Clear();
                failures = 0;
            }
            catch (Exception exception)
            {
                // Keep the group and try again; the waiting requests go on meanwhile.
                LogFailed(logger, exception, group.Count);
                group.ForEach(e => e.Written.TrySetResult());
                failures++;
                if (stoppingToken.IsCancellationRequested)
                    return;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 100 << Math.Min(failures, 7))), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit of {Count} writes could not be stored yet; retrying")]
    static partial void LogFailed(ILogger logger, Exception exception, int count);
}

/// <summary>The audit filter every write endpoint carries.</summary>
public static class Audited
{
    /// <summary>What the handler says changed; the filter records it.</summary>
    public static void Say(this HttpContext context, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[typeof(AuditEntry)] = what;
    }

    /// <summary>Audits the request and turns a refused request into its problem details.</summary>
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
            var caller = http.Items[typeof(Caller)] as Caller ?? Caller.Public;
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            var what = http.Items[typeof(AuditEntry)] as string ?? (status < 400 ? "done" : $"refused: {(result as IValueHttpResult)?.Value switch { Microsoft.AspNetCore.Mvc.ProblemDetails p => p.Detail, _ => "" }}");
            var target = targetRouteValue is null ? null : http.Request.RouteValues[targetRouteValue]?.ToString();
            var entry = new AuditEntry(DateTimeOffset.UtcNow, caller.KeyId, caller.Name, caller.Role?.ToString().ToLowerInvariant() ?? "public", caller.Department,
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.Request.Method, http.Request.Path, action, target, status, Truncate(what, 2000));
            await http.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(entry);
            return result;
        });
    }

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
