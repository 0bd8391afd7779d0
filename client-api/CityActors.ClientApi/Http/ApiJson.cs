using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityActors.ClientApi.Http;

/// <summary>The API's JSON: camelCase names, enums as camelCase strings; requests must give every required member.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static readonly JsonSerializerOptions Options = Create();

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>Reads a JSON body: 415 for another content type, 400 for malformed JSON or a missing member (with line and path).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the body as application/json; it was '{request.ContentType ?? "none"}'.");
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? null : exception.Path.TrimStart('$', '.');
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : "";
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid for this request{where}: {Short(exception.Message)}", field);
        }
        return value ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, "Missing body", "The request needs a JSON body; it was null.");
    }

    static string Short(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
