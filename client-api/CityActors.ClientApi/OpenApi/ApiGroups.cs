namespace CityActors.ClientApi.OpenApi;

/// <summary>The API's route groups and the problem answers (RFC 9457, <c>application/problem+json</c>) that its endpoints document.</summary>
public static class ApiGroups
{
    /// <summary>
    /// A group of endpoints under <paramref name="prefix"/>. Any request may be answered 401 (a key that is sent but unknown),
    /// 429 (over the rate limit) or 503 (storage unreachable), so every endpoint documents those.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag)
        => app.MapGroup(prefix).WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A JSON request body: 400 when it is malformed, 415 when it is not JSON, 422 when a value is not allowed.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) where T : notnull
        => builder.Accepts<T>("application/json").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType,
            StatusCodes.Status422UnprocessableEntity);

    /// <summary>Documents problem answers with these statuses.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
            builder.ProducesProblem(status);
        return builder;
    }
}
