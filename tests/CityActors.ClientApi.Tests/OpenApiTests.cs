using System.Net;
using System.Text.Json.Nodes;
using CityActors.ClientApi.Tests.Support;

namespace CityActors.ClientApi.Tests;

/// <summary>The OpenAPI document read from the running silo, operation by operation, and checked against how the API answers.</summary>
public sealed class OpenApiTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    const string ProblemJson = "application/problem+json";

    static readonly string[] s_methods = ["get", "put", "post", "delete", "patch"];

    async Task<IReadOnlyList<(string Method, string Path, JsonObject Operation)>> OperationsAsync()
    {
        using var http = silo.Raw(null);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        return [.. document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => s_methods.Contains(o.Key)).Select(o => (o.Key, p.Key, o.Value!.AsObject())))];
    }

    static IEnumerable<(int Status, JsonObject Response)> Responses(JsonObject operation)
        => operation["responses"]!.AsObject().Select(r => (int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), r.Value!.AsObject()));

    static string Name(string method, string path) => $"{method.ToUpperInvariant()} {path}";

    [Fact]
    public async Task OpenApi_EveryOperation_DocumentsItsProblemsAsProblemJsonWithExamples()
    {
        var operations = await OperationsAsync();
        var faults = new List<string>();

        foreach (var (method, path, operation) in operations)
        {
            var responses = Responses(operation).ToList();
            var statuses = responses.Select(r => r.Status).ToHashSet();
            foreach (var required in new[] { 401, 429, 503 }.Where(s => !statuses.Contains(s)))
                faults.Add($"{Name(method, path)} does not document {required}");
            foreach (var (status, response) in responses.Where(r => r.Status >= 400))
            {
                var content = response["content"]?.AsObject();
                if (content is null || content.Count != 1 || content[ProblemJson] is not JsonObject problem)
                    faults.Add($"{Name(method, path)} {status} is not only {ProblemJson}");
                else if (problem["example"]?["status"]?.GetValue<int>() != status || problem["example"]?["title"] is null)
                    faults.Add($"{Name(method, path)} {status} has no problem example of its status");
                if (string.IsNullOrWhiteSpace(response["description"]?.GetValue<string>()))
                    faults.Add($"{Name(method, path)} {status} has no description");
            }
            if (operation["requestBody"]?["content"] is JsonObject body && new[] { 415, 422 }.Any(s => !statuses.Contains(s)))
                faults.Add($"{Name(method, path)} takes a body but does not document 415 and 422");
            if (operation["requestBody"]?["content"] is JsonObject { Count: 1 } json && json.ContainsKey("application/json") && !statuses.Contains(400))
                faults.Add($"{Name(method, path)} takes JSON but does not document 400 for malformed JSON");
        }

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations under /api");
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task OpenApi_EveryOperation_HasRequestAndResponseExamples()
    {
        var operations = await OperationsAsync();
        var faults = new List<string>();

        foreach (var (method, path, operation) in operations)
        {
            foreach (var (mediaType, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                if (media?["example"] is null)
                    faults.Add($"{Name(method, path)} has no request example for {mediaType}");
            }
            var successes = Responses(operation).Where(r => r.Status is >= 200 and < 300).ToList();
            if (successes.Count == 0)
                faults.Add($"{Name(method, path)} documents no success");
            foreach (var (status, response) in successes)
            {
                // A file (the annual report's DOCX or ZIP) has no example that JSON can show.
                foreach (var (mediaType, media) in response["content"]?.AsObject() ?? [])
                {
                    if (mediaType != "application/octet-stream" && media?["example"] is null)
                        faults.Add($"{Name(method, path)} {status} has no example for {mediaType}");
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task OpenApi_PublicAndKeyedOperations_AreMarkedAsTheApiAnswersWithoutAKey()
    {
        var operations = await OperationsAsync();
        using var anonymous = silo.Raw(null);
        var faults = new List<string>();
        var publicCount = 0;

        foreach (var (method, path, operation) in operations)
        {
            var security = operation["security"]?.AsArray() ?? throw new InvalidOperationException($"{Name(method, path)} has no security");
            var isPublic = security.Any(r => r is JsonObject { Count: 0 });
            var needsKey = security.Any(r => r is JsonObject o && o.ContainsKey("ApiKey"));
            var mediaType = operation["requestBody"]?["content"]?.AsObject().First().Key;
            var status = await AnonymousStatusAsync(anonymous, method, path, mediaType);
            publicCount += isPublic ? 1 : 0;
            if (!needsKey)
                faults.Add($"{Name(method, path)} does not say that a key is accepted");
            if (isPublic && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                faults.Add($"{Name(method, path)} is marked public but answers {(int)status} without a key");
            if (!isPublic && status != HttpStatusCode.Unauthorized)
                faults.Add($"{Name(method, path)} is marked as needing a key but answers {(int)status} without one");
            if (!isPublic && !Responses(operation).Any(r => r.Status == 403))
                faults.Add($"{Name(method, path)} needs a key but does not document 403");
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
        Assert.InRange(publicCount, 5, operations.Count - 5);
    }

    /// <summary>The status of the operation asked without a key, with sample values in its path and a body of its first media type.</summary>
    static async Task<HttpStatusCode> AnonymousStatusAsync(HttpClient anonymous, string method, string path, string? mediaType)
    {
        var url = path.Replace("{key}", "school-025", StringComparison.Ordinal).Replace("{id}", "education", StringComparison.Ordinal)
            .Replace("{year}", "2025", StringComparison.Ordinal).Replace("{format}", "json", StringComparison.Ordinal).Replace("{type}", "dark", StringComparison.Ordinal);
        while (true)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
            if (mediaType is not null)
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, mediaType);
            using var response = await anonymous.SendAsync(request);
            // Public requests share a rate limit per address: wait for it rather than take 429 for an answer.
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                return response.StatusCode;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
