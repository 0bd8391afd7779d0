namespace CityActors.Grains.Access;

/// <summary>The city's API keys (key: the city name): created, listed, revoked; only their SHA-256 hashes are stored.</summary>
public interface IAccessGrain : IGrainWithStringKey
{
    /// <summary>Creates a key; its secret is in the answer and nowhere else, ever.</summary>
    /// <exception cref="ValidationException">A missing name, a department key without a department, or a department on another role.</exception>
    Task<CreatedApiKey> CreateKeyAsync(ApiKeyRequest request, ChangeContext change);

    /// <summary>Every key, revoked ones included, oldest first; never a secret.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync();

    /// <summary>Revokes a key; revoking it again changes nothing.</summary>
    /// <exception cref="NotRegisteredException">No key has this id.</exception>
    Task<ApiKeyInfo> RevokeKeyAsync(string id, ChangeContext change);

    /// <summary>The active key whose secret hashes to <paramref name="hash"/> (<see cref="ApiKeyHash.Of"/>); null when none.</summary>
    [ReadOnly]
    Task<ApiKeyInfo?> FindAsync(string hash);

    /// <summary>Whether any key was ever created: a new city has none, and its silo prints a first admin key.</summary>
    [ReadOnly]
    Task<bool> HasKeysAsync();
}
