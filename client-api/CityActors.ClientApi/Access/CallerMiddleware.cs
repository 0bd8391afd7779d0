using CityActors.ClientApi.Http;

namespace CityActors.ClientApi.Access;

/// <summary>Finds the caller from <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; no key is the public, a wrong key is 401.</summary>
public sealed class CallerMiddleware(RequestDelegate next, ApiKeyResolver keys)
{
    public const string KeyHeader = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = Presented(context.Request);
        if (presented is not null)
        {
            var caller = presented.Length is > 0 and <= 512 ? await keys.ResolveAsync(presented) : null;
            if (caller is null)
            {
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{KeyHeader}\"";
                await Problems.Of(StatusCodes.Status401Unauthorized, "Unknown API key",
                    "The key is unknown or was revoked. Ask an administrator for a key (cityctl keys create).").ExecuteAsync(context);
                return;
            }
            context.Items[typeof(Caller)] = caller;
        }
        await next(context);
    }

    static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(KeyHeader, out var key))
            return key.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
