namespace CityActors.ClientApi;

/// <summary>The client API: section <c>ClientApi</c>, environment variables <c>ClientApi__*</c>.</summary>
public sealed class ClientApiOptions
{
    /// <summary>The city whose directory, aggregate and keys the API serves; defaults to <c>City:Name</c>.</summary>
    public string City { get; set; } = "zhytomyr";

    /// <summary>An admin key accepted besides the stored ones, for the first start and for scripts that create keys.</summary>
    /// <remarks>
    /// At least 32 characters. When it is not set and the city has no keys yet, the silo creates an admin key once and
    /// writes it to its log; it is stored only as a hash, so copy it then.
    /// </remarks>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>How long a looked-up key is trusted before it is looked up again: a revoked key stops working within this.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per second one key may make (a token bucket this deep); more get 429 with <c>Retry-After</c>.</summary>
    public int RequestsPerSecond { get; set; } = 10_000;

    /// <summary>Requests per second one address may make without a key.</summary>
    public int PublicRequestsPerSecond { get; set; } = 50;

    /// <summary>The most updates one batch may carry.</summary>
    public int MaxBatch { get; set; } = 10_000;

    /// <summary>The seconds a client is told to wait (<c>Retry-After</c>) while storage is unreachable.</summary>
    public int StorageRetryAfterSeconds { get; set; } = 5;

    /// <summary>How soon audit entries that storage refused are tried again; the wait doubles with each failure, up to a minute.</summary>
    public TimeSpan AuditRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a write request waits for its audit entry to be durable before it is answered 503 (the entry stays queued).</summary>
    public TimeSpan AuditWait { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Validate()
    {
        if (BootstrapAdminKey is { Length: < 32 })
            yield return "ClientApi:BootstrapAdminKey must be at least 32 characters.";
        if (RequestsPerSecond < 1 || PublicRequestsPerSecond < 1)
            yield return "ClientApi:RequestsPerSecond and PublicRequestsPerSecond must be at least 1.";
        if (MaxBatch is < 1 or > 100_000)
            yield return "ClientApi:MaxBatch must be between 1 and 100,000.";
        if (KeyCacheDuration < TimeSpan.Zero)
            yield return "ClientApi:KeyCacheDuration must not be negative.";
        if (AuditRetryInterval <= TimeSpan.Zero || AuditWait <= TimeSpan.Zero)
            yield return "ClientApi:AuditRetryInterval and AuditWait must be positive.";
    }
}
