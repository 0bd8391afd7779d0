using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CityActors.Grains.Access;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Access;

/// <summary>Turns a presented key into a caller: the bootstrap key, or a stored key found by its hash (cached briefly).</summary>
public sealed class ApiKeyResolver(IGrainFactory grains, IOptions<ClientApiOptions> options, TimeProvider time)
{
    public const string BootstrapId = "bootstrap";

    readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    readonly byte[]? _bootstrap = options.Value.BootstrapAdminKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    /// <summary>The caller for this key; null when the key is unknown or revoked.</summary>
    public async Task<Caller?> ResolveAsync(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = ApiKeyHash.Of(presented);
        if (_bootstrap is not null && CryptographicOperations.FixedTimeEquals(_bootstrap, Convert.FromHexString(hash)))
            return new Caller(BootstrapId, "bootstrap admin", ApiRole.Admin, null);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
            return cached.Caller;
        var key = await grains.GetGrain<IAccessGrain>(options.Value.City).FindAsync(hash);
        if (key is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        var caller = Caller.Of(key);
        if (options.Value.KeyCacheDuration > TimeSpan.Zero)
            _cache[hash] = (caller, now + options.Value.KeyCacheDuration);
        return caller;
    }

    /// <summary>Forgets cached keys at once (after a revocation through this silo).</summary>
    public void Forget() => _cache.Clear();
}
