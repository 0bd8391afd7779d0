using CityActors.Grains.Access;

namespace CityActors.ClientApi.Access;

/// <summary>Who is calling: a key's holder and role, or the public (no key).</summary>
public sealed record Caller(string KeyId, string Name, ApiRole? Role, string? Department)
{
    public static readonly Caller Public = new("public", "public", null, null);

    public bool IsPublic => Role is null;

    /// <summary>CloudEvents <c>source</c> for changes made with this key, unless the request names its own.</summary>
    /// <remarks>Made once: a batch asks for it per item.</remarks>
    public string Source { get; } = $"urn:cityactors:api-key/{KeyId}";

    /// <summary>Whether this caller may change what belongs to <paramref name="department"/>.</summary>
    public bool Owns(string? department) => Role == ApiRole.Admin || (Role == ApiRole.Department && department is not null && department == Department);

    public static Caller Of(ApiKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.Role, key.Department);
    }

    /// <summary>Binds a handler's <see cref="Caller"/> parameter to what <see cref="CallerMiddleware"/> found.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Caller?>(context.Items[typeof(Caller)] as Caller ?? Public);
    }
}
