using System.Security.Cryptography;
using System.Text;

namespace CityActors.Grains.Access;

/// <summary>What a key may do.</summary>
public enum ApiRole
{
    /// <summary>Everything, keys and imports included.</summary>
    Admin,

    /// <summary>Reads everything; acknowledges and clears alarms.</summary>
    Operator,

    /// <summary>Reads everything; writes only the facilities and projects of its department.</summary>
    Department,

    /// <summary>Reads everything.</summary>
    Planner,
}

/// <summary>What a new key is for.</summary>
/// <param name="Name">Who or what holds it: <c>Департамент освіти — шкільний диспетчер</c>, <c>оператор Петренко</c>.</param>
/// <param name="Department">The department id, for (and only for) <see cref="ApiRole.Department"/>.</param>
public sealed record ApiKeyRequest(string Name, ApiRole Role, string? Department = null);

/// <summary>A key as listed: never its secret.</summary>
/// <param name="Id">Public id; the secret starts with <c>ca_{Id}_</c>.</param>
public sealed record ApiKeyInfo(
    string Id,
    string Name,
    ApiRole Role,
    string? Department,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    public bool Active => RevokedAt is null;
}

/// <summary>A key just created, with its secret: shown once.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>How a secret is stored and looked up: secrets are 256 random bits, so an unsalted SHA-256 is enough.</summary>
public static class ApiKeyHash
{
    public static string Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
