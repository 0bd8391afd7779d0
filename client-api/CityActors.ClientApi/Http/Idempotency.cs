using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CityActors.ClientApi.Access;
using CityActors.Grains.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Http;

/// <summary><c>Idempotency-Key</c>: a retried request gets the first answer again and changes nothing more.</summary>
/// <remarks>
/// Answers are kept per API key and idempotency key. Server faults, 429 and 503 are not kept: retrying them is what
/// the client should do. Status updates are idempotent on their own too, by <c>source</c> + <c>id</c>.
/// Requests with the same key pass one at a time (<see cref="IdempotencyGates"/>): a retry sent while the first is still
/// running waits for it and gets its answer, instead of running a second time.
/// </remarks>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(Header, out var value) ? value.ToString() : null;
    }

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // 400 for a malformed Idempotency-Key, 422 for a key sent again with another request.
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = KeyOf(http.Request);
            var caller = http.Items[typeof(Caller)] as Caller ?? Caller.Public;
            if (key is null || caller.IsPublic)
                return await next(context);
            if (key.Length is 0 or > 200)
                return Problems.Of(StatusCodes.Status400BadRequest, "Bad Idempotency-Key", "The Idempotency-Key header must have 1 to 200 characters.", Header);
            var fingerprint = await FingerprintAsync(http.Request);
            var gateKey = $"{caller.KeyId}/{key}";
            using var gate = await http.RequestServices.GetRequiredService<IdempotencyGates>().EnterAsync(gateKey, http.RequestAborted);
            var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(gateKey);
            if (await grain.GetAsync() is { } stored)
            {
                return stored.Fingerprint == fingerprint
                    ? new Replayed(stored)
                    : Problems.Of(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        "This Idempotency-Key was used before for a different request; use a new key for a new request.", Header);
            }
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception exception) when (Problems.From(exception) is { } problem)
            {
                result = problem;
            }
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (status is >= 500 or StatusCodes.Status429TooManyRequests || result is not IValueHttpResult { Value: { } value })
                return result;
            var contentType = status >= 400 ? "application/problem+json" : "application/json";
            // The options the answer itself is written with, so a replay is the same bytes.
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
            await grain.SaveAsync(new StoredResponse(fingerprint, status, contentType, body, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
            return result;
        });
    }

    static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    sealed class Replayed(StoredResponse stored) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => stored.Status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.Status;
            httpContext.Response.ContentType = stored.ContentType;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            await httpContext.Response.Body.WriteAsync(stored.Body);
        }
    }
}

/// <summary>One request at a time per idempotency key in this silo.</summary>
/// <remarks>The gate makes "check for a stored answer, else run and store it" one step; a gate lives only while requests hold it.</remarks>
public sealed class IdempotencyGates
{
    readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
                _gates[key] = gate = new Gate(this, key);
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(gate, entered: false);
            throw;
        }
        return gate;
    }

    void Leave(Gate gate, bool entered)
    {
        if (entered)
            gate.Semaphore.Release();
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Key);
                gate.Semaphore.Dispose();
            }
        }
    }

    sealed class Gate(IdempotencyGates owner, string key) : IDisposable
    {
        public string Key => key;
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }

        public void Dispose() => owner.Leave(this, entered: true);
    }
}
