using CityActors.ClientApi.Http;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Access;

/// <summary>Role checks on endpoints: without a key 401, with a key of another role 403.</summary>
public static class Authorization
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, params ApiRole[] roles) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredRoles(roles)).ProducesProblem(StatusCodes.Status403Forbidden);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = context.HttpContext.Items[typeof(Caller)] as Caller ?? Caller.Public;
            if (caller.Role is not { } role)
                return Problems.Of(StatusCodes.Status401Unauthorized, "API key required", $"Send an API key in the {CallerMiddleware.KeyHeader} header.");
            if (!roles.Contains(role))
                return Problems.Of(StatusCodes.Status403Forbidden, "Not allowed",
                    $"A {role.ToString().ToLowerInvariant()} key may not do this; it needs one of: {string.Join(", ", roles.Select(r => r.ToString().ToLowerInvariant()))}.");
            return await next(context);
        });
        return builder;
    }

    /// <summary>Any key at all: everything that is not public.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.RequireRole(ApiRole.Admin, ApiRole.Operator, ApiRole.Department, ApiRole.Planner);

    /// <summary>Throws 403 unless the caller may change what belongs to <paramref name="department"/>.</summary>
    public static void EnsureOwns(this Caller caller, string? department, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Owns(department))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Not your department's",
                $"{what} belongs to department '{department}'; this key writes only for '{caller.Department}'. Nothing was changed.");
    }
}

/// <summary>The roles an endpoint admits; an endpoint without it is public (the OpenAPI document says which need a key).</summary>
public sealed record RequiredRoles(IReadOnlyList<ApiRole> Roles);
