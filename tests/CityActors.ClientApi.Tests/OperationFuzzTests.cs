using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Tests;

/// <summary>
/// Random path values, query strings and bodies for every operation the OpenAPI document lists, so a new endpoint is
/// fuzzed as soon as it is documented: the silo never answers 5xx, and every refusal is an RFC 9457 problem.
/// </summary>
/// <remarks>
/// Requests stay within what Kestrel itself takes (a request line under 8 KB, no NUL in the path): beyond that the server
/// answers 414 or 400 with no body before the API sees the request.
/// </remarks>
public sealed class OperationFuzzTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    const int RequestsPerOperation = 60;
    const string ProblemJson = "application/problem+json";

    static readonly string[] s_methods = ["get", "put", "post", "delete", "patch"];

    static readonly string[] s_pathValues =
    [
        "school-fuzz-1", "education", "2025", "json", "csv", "dark", "p1", "", "..", "%2e%2e", "%2F", "a%2Fb", "%01", "%ZZ", "школа", "a b",
        "SCHOOL-1", "-", "_", "-1", "0", "99999999999", "2025.5", "1e3", "null", "true", "<script>", "'; drop table events; --", new string('x', 2000),
    ];

    static readonly string[] s_queryNames =
    [
        "limit", "offset", "from", "to", "at", "asOf", "kind", "status", "district", "department", "alarm", "available", "q", "sort", "desc",
        "severity", "state", "type", "facility", "position", "keyId", "action", "target", "format", "version", "dryRun", "partial", "fileName",
    ];

    static readonly string[] s_queryValues =
    [
        "", "-1", "0", "abc", "99999999999", "1e3", "2026-13-45", "yesterday", "true", "maybe", "%", "%00", "%E0%A4%A", "школа",
        "2026-03-02T09:00:00+02:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "critical", "any", "csv", "xml", "../../etc/passwd", new string('я', 200),
    ];

    static readonly string[] s_nastyBodies =
    [
        "", "null", "[]", "{}", "[null]", "\"text\"", "1e999", "-0", "NaN", "{\"status\":null}", "{\"readings\":{\"temperature\":1e400}}", "[{}]",
        "{\"name\":\"x\",\"role\":\"root\"}", "{\"kind\":\"\",\"statuses\":[]}", "{\"statusClass\":\"maybe\"}", new string('[', 5000), "\u0000\u0001\u0002",
        "{\"a\":" + new string('1', 400) + "}", "{\"name\":\"" + new string('я', 100_000) + "\"}",
    ];

    static readonly string[] s_contentTypes = ["application/json", "text/plain", "text/csv", "application/xml", "multipart/form-data", "application/json; charset=utf-16", ""];

    [Fact]
    public async Task EveryDocumentedOperation_RandomPathsQueriesAndBodies_NoServerFaultAndEveryRefusalIsProblemJson()
    {
        await silo.Admin.RegisterFacilityAsync("school-fuzz-1", ApiSilo.School("Ліцей № 1"));
        var departmentKey = (await silo.KeyAsync(ApiRole.Department, "fuzz")).Secret;
        var operations = await OperationsAsync();
        var random = new Random(20260302);
        var requests = operations.SelectMany(o => Enumerable.Range(0, RequestsPerOperation).Select(_ => (Operation: o, Seed: random.Next()))).OrderBy(_ => random.Next()).ToList();
        using var admin = silo.Raw(ApiSilo.AdminKey);
        using var department = silo.Raw(departmentKey);
        using var anonymous = silo.Raw(null);
        var faults = new List<string>();
        var refusals = 0;

        foreach (var chunk in requests.Chunk(8))
        {
            var answers = await Task.WhenAll(chunk.Select(async r =>
            {
                var (request, who, description) = Next(new Random(r.Seed), r.Operation);
                var client = who switch { 0 => admin, 1 => department, _ => anonymous };
                using (request)
                using (var response = await client.SendAsync(request))
                    return (description, Status: (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, Body: await response.Content.ReadAsStringAsync());
            }));
            foreach (var (description, status, mediaType, body) in answers)
            {
                if (status >= 500)
                    faults.Add($"{status} for {description}: {Short(body)}");
                else if (status >= 400)
                {
                    refusals++;
                    if (mediaType != ProblemJson || !IsProblemOf(status, body))
                        faults.Add($"{status} as '{mediaType}' (not a problem of its status) for {description}: {Short(body)}");
                }
            }
        }

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations documented");
        Assert.True(faults.Count == 0, $"{faults.Count} bad answers:\n{string.Join("\n", faults.Take(25))}");
        Assert.True(refusals >= requests.Count / 2, $"only {refusals} of {requests.Count} were refused: the fuzz is not malformed enough");
    }

    async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        using var http = silo.Raw(null);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        return [.. document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => s_methods.Contains(o.Key)).Select(o =>
            {
                var body = o.Value!["requestBody"]?["content"]?.AsObject();
                var example = body?.Select(c => c.Value?["example"]).FirstOrDefault(e => e is not null);
                return new Operation(o.Key.ToUpperInvariant(), p.Key, body?.Select(c => c.Key).ToArray() ?? [],
                    example is JsonValue v && v.TryGetValue<string>(out var text) ? text : example?.ToJsonString());
            }))];
    }

    /// <summary>One random request to <paramref name="operation"/>; <c>Who</c>: 0 the admin, 1 a department that owns nothing, 2 nobody.</summary>
    /// <remarks>
    /// The admin reads, and writes only bodies that cannot parse (cut short or garbage) and never a write without a body,
    /// so nothing the admin sends can change the city: what it could, a department that owns nothing is refused.
    /// </remarks>
    static (HttpRequestMessage Request, int Who, string Description) Next(Random random, Operation operation)
    {
        var who = random.Next(3);
        var method = random.Next(10) == 0 ? new[] { "GET", "PUT", "POST", "DELETE", "PATCH" }[random.Next(5)] : operation.Method;
        if (who == 0 && method != "GET" && operation.MediaTypes.Length == 0)
            who = 1;
        var path = string.Concat(operation.Path.Split('{', '}').Select((part, i) => i % 2 == 1 ? PathValue(random) : part));
        var query = string.Join("&", Enumerable.Range(0, random.Next(5)).Select(_ =>
            $"{(random.Next(8) == 0 ? "x-" + random.Next(100) : s_queryNames[random.Next(s_queryNames.Length)])}={QueryValue(random)}"));
        var url = query.Length == 0 ? path : $"{path}?{query}";
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        var body = "";
        if (method != "GET" && (operation.MediaTypes.Length > 0 || random.Next(4) == 0))
        {
            var example = operation.Example ?? "{}";
            body = who == 0
                ? (random.Next(2) == 0 ? example[..random.Next(0, Math.Max(1, example.Length - 1))] : Garbage(random))
                : random.Next(3) switch
                {
                    0 => s_nastyBodies[random.Next(s_nastyBodies.Length)],
                    1 => Mutate(random, example),
                    _ => example,
                };
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            var contentType = operation.MediaTypes.Length > 0 && random.Next(3) > 0
                ? operation.MediaTypes[random.Next(operation.MediaTypes.Length)]
                : s_contentTypes[random.Next(s_contentTypes.Length)];
            if (contentType.Length > 0)
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
        }
        if (random.Next(8) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(2) == 0 ? "" : new string('k', random.Next(1, 400)));
        if (random.Next(10) == 0)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(random.Next(2) == 0 ? "application/xml" : "text/html"));
        return (request, who, $"{method} {Short(url, 160)} as {who} with '{Short(body, 120)}'");
    }

    static string PathValue(Random random) => random.Next(5) == 0
        ? Uri.EscapeDataString(new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(32, 0x500))]))
        : s_pathValues[random.Next(s_pathValues.Length)];

    static string QueryValue(Random random) => random.Next(5) == 0
        ? Uri.EscapeDataString(new string([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(1, 0x500))]))
        : s_queryValues[random.Next(s_queryValues.Length)];

    static string Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return "{" + Encoding.Latin1.GetString(bytes);
    }

    static string Mutate(Random random, string text)
    {
        if (text.Length == 0)
            return "{";
        var chars = text.ToCharArray();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            const string replacements = "{}[]\":,09eé\\ я-";
            chars[random.Next(chars.Length)] = replacements[random.Next(replacements.Length)];
        }
        return new string(chars);
    }

    static bool IsProblemOf(int status, string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
                && problem.RootElement.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static string Short(string text, int length = 300) => text.Length <= length ? text : text[..length];

    /// <summary>An operation as the OpenAPI document lists it: its request media types and the example of its body.</summary>
    sealed record Operation(string Method, string Path, string[] MediaTypes, string? Example);
}
