using System.Net;

namespace CityActors.Client;

/// <summary>The API refused a request: its problem details, and how long to wait when it says so.</summary>
public sealed class CityApiException(HttpStatusCode status, string title, string? detail, string? field, TimeSpan? retryAfter, string body)
    : Exception($"{(int)status} {title}{(detail is null ? "" : $": {detail}")}")
{
    public HttpStatusCode Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>The failing field, when the API names one: <c>readings.temperature</c>, <c>[12].status</c>.</summary>
    public string? Field { get; } = field;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The problem document as sent.</summary>
    public string Body { get; } = body;
}
