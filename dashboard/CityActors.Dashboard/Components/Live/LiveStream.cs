using System.Collections.Concurrent;
using System.Text;
using CityActors.Dashboard.Access;
using CityActors.Dashboard.Live;
using CityActors.Dashboard.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CityActors.Dashboard.Components.Live;

/// <summary>
/// <c>GET /dashboard/live?parts=status,overview&amp;lang=uk</c>: a server-sent event stream that sends a page's live parts,
/// rendered on the server, each time the city changes (at most two or three times a second) and only when the part's HTML differs
/// from what this browser already has. The page works without it; with it, it stays current.
/// </summary>
static class LiveStream
{
    /// <summary>Changes closer together than this go out as one update; a change still shows well within a second.</summary>
    static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(400);

    /// <summary>Parts are rendered again this often even when nothing changed, so that ages and "as of" move on.</summary>
    static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The last HTML of each city-wide part per language, with the city position it shows: ten pages open on the
    /// overview cost one render per update, not ten.
    /// </summary>
    static readonly ConcurrentDictionary<(CityFeed Feed, string Part, string Language), (long Sequence, DateTimeOffset At, string Html)> Shared = new();

    public static async Task StreamAsync(HttpContext context, string? parts, string? lang, string? facility, int? zoom, double? x, double? y,
        CityFeed feed, TimeProvider time, ILoggerFactory loggers, DashboardOptions options, OperatorSessions sessions)
    {
        var signedIn = sessions.Read(context) is not null;
        if (options.RequireSignIn && !signedIn)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var requested = (parts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p is "status" or "overview" or "system" or "map" || (p == "facility" && !string.IsNullOrEmpty(facility)))
            .Distinct()
            .ToList();
        if (requested.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var text = UiText.For(lang);
        var cancel = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        using var changed = new SemaphoreSlim(0, 1);
        void OnChanged()
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another change already woke the stream.
                }
            }
        }
        feed.Changed += OnChanged;
        await using var renderer = new HtmlRenderer(context.RequestServices, loggers);
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await context.Response.WriteAsync("retry: 2000\n\n", cancel);
            while (!cancel.IsCancellationRequested)
            {
                foreach (var part in requested)
                {
                    var html = await RenderSharedAsync(renderer, part, text, facility, (zoom, x, y, signedIn), feed, time);
                    if (sent.TryGetValue(part, out var previous) && previous == html)
                        continue;
                    sent[part] = html;
                    await context.Response.WriteAsync(Event(part, html), cancel);
                }
                await context.Response.Body.FlushAsync(cancel);
                await changed.WaitAsync(Tick, cancel);
                await Task.Delay(Coalesce, time, cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left.
        }
        finally
        {
            feed.Changed -= OnChanged;
        }
    }

    static async Task<string> RenderSharedAsync(HtmlRenderer renderer, string part, UiText text, string? facility,
        (int? Zoom, double? X, double? Y, bool SignedIn) map, CityFeed feed, TimeProvider time)
    {
        if (part is not ("status" or "overview"))
            return await RenderAsync(renderer, part, text, facility, map);
        var sequence = feed.Read(c => c.Sequence);
        var now = time.GetUtcNow();
        if (Shared.TryGetValue((feed, part, text.Language), out var cached) && cached.Sequence == sequence && now - cached.At < Coalesce)
            return cached.Html;
        var html = await RenderAsync(renderer, part, text, facility, map);
        // Keyed by the feed too: two silos in one process (tests) never see each other's city.
        Shared[(feed, part, text.Language)] = (sequence, now, html);
        return html;
    }

    static Task<string> RenderAsync(HtmlRenderer renderer, string part, UiText text, string? facility, (int? Zoom, double? X, double? Y, bool SignedIn) map) => part switch
    {
        "map" => RenderAsync<MapLive>(renderer, new Dictionary<string, object?>
        {
            ["T"] = text, ["Zoom"] = map.Zoom, ["X"] = map.X, ["Y"] = map.Y, ["ShowRestricted"] = map.SignedIn,
        }),
        "status" => RenderAsync<StatusLive>(renderer, new Dictionary<string, object?> { ["T"] = text }),
        "overview" => RenderAsync<OverviewLive>(renderer, new Dictionary<string, object?> { ["T"] = text }),
        "system" => RenderAsync<SystemLive>(renderer, new Dictionary<string, object?> { ["T"] = text }),
        _ => RenderAsync<FacilityLive>(renderer, new Dictionary<string, object?> { ["T"] = text, ["Key"] = facility }),
    };

    static Task<string> RenderAsync<TComponent>(HtmlRenderer renderer, Dictionary<string, object?> parameters) where TComponent : IComponent
        => renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

    /// <summary>One server-sent event; every line of the data gets its own <c>data:</c> prefix.</summary>
    static string Event(string name, string html)
    {
        var builder = new StringBuilder(html.Length + 64).Append("event: ").Append(name).Append('\n');
        foreach (var line in html.Split('\n'))
            builder.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return builder.Append('\n').ToString();
    }
}
