using System.Text.Json;
using CityActors.Grains;
using CityActors.Runtime.Storage;

namespace CityActors.ClientApi.Http;

/// <summary>RFC 9457 problem details for every way a request can fail.</summary>
public static class Problems
{
    /// <summary>Retry-After, in seconds, for 503 answers; set from options at start.</summary>
    public static int StorageRetryAfterSeconds { get; set; } = 5;

    public static IResult Of(int status, string title, string detail, string? field = null, object? errors = null, IDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (field is not null)
            members["field"] = field;
        if (errors is not null)
            members["errors"] = errors;
        return TypedResults.Problem(detail, statusCode: status, title: title, type: $"https://cityactors.zhytomyr.ua/problems/{status}", extensions: members);
    }

    /// <summary>The problem an exception stands for; null for a fault of our own (a 500).</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ApiProblemException p => Of(p.Status, p.Title, p.Message, p.Field, p.Errors),
        ValidationException v => Of(StatusCodes.Status422UnprocessableEntity, "Invalid value", $"{v.Field}: {v.Reason}", v.Field,
            new Dictionary<string, string[]> { [v.Field] = [v.Reason] }),
        NotRegisteredException n => Of(StatusCodes.Status404NotFound, $"Unknown {n.Entity}", n.Message),
        Grains.Reports.ReportNotFoundException r => Of(StatusCodes.Status404NotFound, "No such report", r.Message),
        BadHttpRequestException b => Of(b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request", b.Message),
        JsonException j => Of(StatusCodes.Status400BadRequest, "Malformed JSON", j.Message),
        StorageUnavailableException or TimeoutException or SiloUnavailableException => Unavailable(exception.Message),
        ArgumentException a when a.Message.StartsWith("No grain class", StringComparison.Ordinal)
            => Of(StatusCodes.Status501NotImplemented, "Not in this silo", "This silo was built without the part that serves this request."),
        _ => null,
    };

    public static IResult Unavailable(string detail)
        => new WithRetryAfter(Of(StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
            $"The city's storage cannot be reached right now; nothing of this request is lost or half applied. Retry later. ({detail})"), StorageRetryAfterSeconds);

    /// <summary>Adds <c>Retry-After</c> to a result.</summary>
    public sealed class WithRetryAfter(IResult inner, int seconds) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
