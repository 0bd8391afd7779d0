using System.Security.Cryptography;
using System.Text.Json;
using CityActors.Grains.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace CityActors.Dashboard.Access;

/// <summary>Who is signed in to the dashboard: a person's API key, checked once, remembered in a protected cookie.</summary>
/// <remarks>The cookie holds the key's id, name and role, never its secret; it lasts <see cref="Lifetime"/>.</remarks>
public sealed class OperatorSessions(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Cookie = "cityactors-operator";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    readonly IDataProtector _protector = protection.CreateProtector("CityActors.Dashboard.Operator");

    public Operator? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[Cookie] is not { Length: > 0 } value)
            return null;
        try
        {
            var signedIn = JsonSerializer.Deserialize<Operator>(_protector.Unprotect(value));
            return signedIn is not null && time.GetUtcNow() - signedIn.SignedInAt < Lifetime ? signedIn : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public Operator SignIn(HttpContext context, ApiKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(key);
        var signedIn = new Operator(key.Id, key.Name, key.Role, key.Department, time.GetUtcNow());
        context.Response.Cookies.Append(Cookie, _protector.Protect(JsonSerializer.Serialize(signedIn)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = Lifetime,
        });
        return signedIn;
    }

    public static void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Cookie);
    }
}

/// <summary>A signed-in person: the key's id, its holder's name and what the key may do.</summary>
public sealed record Operator(string KeyId, string Name, ApiRole Role, string? Department, DateTimeOffset SignedInAt)
{
    /// <summary>Admins and operators acknowledge alarms; departments and planners only read.</summary>
    public bool MayAcknowledge => Role is ApiRole.Admin or ApiRole.Operator;
}

/// <summary>What every page knows about the visitor: who is signed in, if anyone, and whether signing in is required.</summary>
public sealed record Session(Operator? Operator, bool SignInRequired)
{
    /// <summary>Whether this visitor may acknowledge alarms: anyone when sign-in is off, else operators and admins.</summary>
    public bool MayAcknowledge => Operator?.MayAcknowledge ?? !SignInRequired;
}
