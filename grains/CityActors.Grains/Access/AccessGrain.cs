using System.Security.Cryptography;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Access;

/// <summary>The city's API keys. Secrets are made here, returned once, and only their hashes are kept.</summary>
public sealed class AccessGrain([PersistentState("access")] IPersistentState<AccessState> state, TimeProvider time) : Grain, IAccessGrain
{
    Dictionary<string, ApiKeyInfo>? _byHash;

    Dictionary<string, ApiKeyInfo> ByHash => _byHash ??= state.State.Keys.Where(k => k.Info.Active).ToDictionary(k => k.Hash, k => k.Info, StringComparer.Ordinal);

    public async Task<CreatedApiKey> CreateKeyAsync(ApiKeyRequest request, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeValidation.Validate(change);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            throw new ValidationException("name", "is required (at most 200 characters).");
        if (request.Role == ApiRole.Department && string.IsNullOrWhiteSpace(request.Department))
            throw new ValidationException("department", "is required for a department key.");
        if (request.Role != ApiRole.Department && request.Department is not null)
            throw new ValidationException("department", "is only for department keys.");
        if (!Enum.IsDefined(request.Role))
            throw new ValidationException("role", "must be admin, operator, department or planner.");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = $"ca_{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var info = new ApiKeyInfo(id, request.Name.Trim(), request.Role, request.Department?.Trim(), time.GetUtcNow(), change.By ?? change.Source);
        var hash = ApiKeyHash.Of(secret);
        await WriteAsync(state.State with { Keys = [.. state.State.Keys, new StoredKey(info, hash)] });
        return new CreatedApiKey(info, secret);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync() => Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. state.State.Keys.Select(k => k.Info)]);

    public async Task<ApiKeyInfo> RevokeKeyAsync(string id, ChangeContext change)
    {
        ChangeValidation.Validate(change);
        var stored = state.State.Keys.FirstOrDefault(k => k.Info.Id == id) ?? throw new NotRegisteredException("key", id);
        if (!stored.Info.Active)
            return stored.Info;
        var revoked = stored with { Info = stored.Info with { RevokedAt = time.GetUtcNow(), RevokedBy = change.By ?? change.Source } };
        await WriteAsync(state.State with { Keys = [.. state.State.Keys.Select(k => k == stored ? revoked : k)] });
        return revoked.Info;
    }

    public Task<ApiKeyInfo?> FindAsync(string hash) => Task.FromResult(ByHash.GetValueOrDefault(hash));

    public Task<bool> HasKeysAsync() => Task.FromResult(state.State.Keys.Count > 0);

    async Task WriteAsync(AccessState next)
    {
        var current = state.State;
        state.State = next;
        _byHash = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = current;
            throw;
        }
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
