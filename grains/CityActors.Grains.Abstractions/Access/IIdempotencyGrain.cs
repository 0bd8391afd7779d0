namespace CityActors.Grains.Access;

/// <summary>The first answer to a request sent with an <c>Idempotency-Key</c> (key: <c>{api key id}/{idempotency key}</c>).</summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<StoredResponse?> GetAsync();

    /// <summary>Stores the answer unless one is stored already; returns the stored one.</summary>
    Task<StoredResponse> SaveAsync(StoredResponse response);
}

/// <summary>An answer as it was sent.</summary>
/// <param name="Fingerprint">A hash of the request (method, path, body): the same key with another request is refused.</param>
public sealed record StoredResponse(string Fingerprint, int Status, string ContentType, byte[] Body, DateTimeOffset At);
