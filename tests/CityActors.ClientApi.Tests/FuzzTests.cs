using System.Text;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;
using CityActors.Grains.Directory;

namespace CityActors.ClientApi.Tests;

/// <summary>Thousands of malformed requests: no server fault, and no change to any facility or to the city's stream.</summary>
public sealed class FuzzTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    const int Requests = 4000;

    static readonly string[] s_paths =
    [
        "/api/v1/facilities/{f}/status", "/api/v1/facilities/status/batch", "/api/v1/facilities/{f}", "/api/v1/facilities/{f}/alarms/cold/acknowledge",
        "/api/v1/facilities/{f}/alarms/no-power/clear", "/api/v1/keys", "/api/v1/facilities", "/api/v1/facilities/{f}/history", "/api/v1/facilities/{f}/state",
        "/api/v1/alarms", "/api/v1/aggregates/years/{f}", "/api/v1/departments/{f}", "/api/v1/audit", "/api/v1/projects/{f}/reports/2025", "/api/v1/imports/facilities",
    ];

    static readonly string[] s_valid =
    [
        """{"status":"open","readings":{"temperature":19.5,"occupancy":800,"power":1},"observedAt":"2026-03-02T09:00:00+02:00","source":"urn:x","id":"e-1"}""",
        """[{"facility":"{f}","status":"open","readings":{"temperature":19.5}},{"facility":"{f}","status":"closed"}]""",
        """{"kind":"school","name":"Ліцей № 25","address":"вул. Київська, 1","district":"Корольовський","department":"education","location":{"latitude":50.25,"longitude":28.66},"locationPublic":true,"capacity":100}""",
        """{"reason":"Бригада виїхала","by":"диспетчер"}""",
        """{"name":"ключ","role":"admin"}""",
    ];

    static readonly string[] s_nasty =
    [
        "", "null", "[]", "{}", "[null]", "\"text\"", "1e999", "-0", "NaN", "{\"status\":null}", "{\"status\":[]}", "{\"readings\":{\"temperature\":1e400}}",
        "{\"status\":\"open\",\"readings\":{\"\":1}}", "{\"status\":\"open\",\"readings\":{\"temperature\":\"NaN\"}}", "{\"status\":\"open\",\"observedAt\":\"вчора\"}",
        "{\"status\":\"open\",\"observedAt\":\"9999-12-31T23:59:59Z\"}", "{\"status\":\"open\",\"observedAt\":\"0001-01-01T00:00:00Z\"}",
        "[{\"facility\":\"../../etc\",\"status\":\"open\"}]", "[{\"facility\":\"\",\"status\":\"\"}]", "{\"status\":\"open\",\"extra\":true}",
        new string('[', 5000), "{\"status\":\"" + new string('я', 100_000) + "\"}", "\u0000\u0001\u0002", "{\"name\":\"x\",\"role\":\"root\"}",
        "{\"kind\":\"school\",\"name\":\"\",\"address\":\"\",\"district\":\"\",\"department\":\"\"}",
        "{\"kind\":\"school\",\"name\":\"x\",\"address\":\"x\",\"district\":\"x\",\"department\":\"fuzz\",\"location\":{\"latitude\":91,\"longitude\":0}}",
    ];

    static readonly string[] s_keys = ["", "%2e%2e", "школа", "a b", new string('x', 5000), "x;drop table", "%00", "SCHOOL-1", "school-1.", "-", "_"];

    static readonly string[] s_contentTypes = ["application/json", "application/json; charset=utf-16", "text/plain", "application/xml", "multipart/form-data", "", "application/json; charset=koi8-u"];

    [Fact]
    public async Task MalformedRequests_NeverAServerFault_AndChangeNothing()
    {
        var schools = new[] { "school-fuzz-1", "school-fuzz-2" };
        foreach (var school in schools)
            await silo.Admin.RegisterFacilityAsync(school, ApiSilo.School("Ліцей № 1"));
        // A department that owns nothing: whatever parses is then refused as not its own.
        var fuzzKey = (await silo.KeyAsync(ApiRole.Department, "fuzz")).Secret;
        await silo.EventuallyAsync(async () => (await silo.Admin.ListFacilitiesAsync(new FacilityQuery(Search: "school-fuzz"))).Total == 2, "both listed");
        var before = await StateAsync(schools);
        var random = new Random(20260302);
        var faults = new List<string>();
        var statuses = new Dictionary<int, int>();
        using var admin = silo.Raw(ApiSilo.AdminKey);
        using var department = silo.Raw(fuzzKey);
        using var anonymous = silo.Raw(null);

        for (var i = 0; i < Requests; i += 8)
        {
            var batch = Enumerable.Range(i, 8).Select(_ => Next(random, schools)).ToList();
            var responses = await Task.WhenAll(batch.Select(async r =>
            {
                var client = r.Who switch { 0 => admin, 1 => department, _ => anonymous };
                using var response = await client.SendAsync(r.Request);
                return (r.Description, Status: (int)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));
            foreach (var (description, status, body) in responses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 && status != 501)
                    faults.Add($"{status} for {description}: {body[..Math.Min(300, body.Length)]}");
            }
        }
        await Task.Delay(200);
        var after = await StateAsync(schools);

        Assert.True(faults.Count == 0, string.Join("\n", faults.Take(20)));
        Assert.Equal(before, after);
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 5, $"the fuzz should meet many kinds of refusal: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) >= Requests * 9 / 10, "nearly all are refused");
    }

    async Task<string> StateAsync(string[] schools)
    {
        var parts = new List<string>();
        foreach (var school in schools)
            parts.Add((await silo.Admin.GetFacilityAsync(school)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var page = await silo.Admin.ListFacilitiesAsync(new FacilityQuery(Limit: 1));
        var rollup = await silo.Admin.LiveAsync();
        var keys = await silo.Admin.ListKeysAsync();
        return $"{string.Join(",", parts)}|{page.Total}|{page.Checkpoint}|{rollup.Sequence}|{keys.Count}";
    }

    /// <summary>One malformed request; <c>Who</c>: 0 the admin (bodies that cannot parse), 1 the department that owns nothing, 2 nobody.</summary>
    static (HttpRequestMessage Request, int Who, string Description) Next(Random random, string[] schools)
    {
        var who = random.Next(3);
        var facility = random.Next(4) == 0 ? s_keys[random.Next(s_keys.Length)] : schools[random.Next(schools.Length)];
        var path = s_paths[random.Next(s_paths.Length)].Replace("{f}", Uri.EscapeDataString(facility), StringComparison.Ordinal);
        if (random.Next(10) == 0)
            path += "?limit=" + new[] { "-1", "abc", "99999999999", "0", "1e3" }[random.Next(5)] + "&from=" + new[] { "yesterday", "2026-13-45", "" }[random.Next(3)] + "&alarm=" + new[] { "maybe", "7", "critical" }[random.Next(3)];
        var method = new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Get, HttpMethod.Delete, HttpMethod.Patch }[random.Next(5)];
        string body;
        if (who == 0)
        {
            // Always unparseable: cut short, or garbage.
            var valid = s_valid[random.Next(s_valid.Length)].Replace("{f}", facility, StringComparison.Ordinal);
            body = random.Next(2) == 0 ? valid[..random.Next(0, valid.Length - 1)] : Garbage(random);
        }
        else
        {
            body = random.Next(3) switch
            {
                0 => s_nasty[random.Next(s_nasty.Length)],
                1 => Mutate(random, s_valid[random.Next(s_valid.Length)].Replace("{f}", facility, StringComparison.Ordinal)),
                _ => s_valid[random.Next(s_valid.Length)].Replace("{f}", facility, StringComparison.Ordinal),
            };
        }
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            var contentType = s_contentTypes[random.Next(s_contentTypes.Length)];
            if (contentType.Length > 0)
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
        }
        if (random.Next(8) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(2) == 0 ? "" : new string('k', random.Next(1, 400)));
        return (request, who, $"{method} {path[..Math.Min(path.Length, 120)]} as {who} with {body[..Math.Min(body.Length, 120)]}");
    }

    static string Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return "{" + Encoding.Latin1.GetString(bytes);
    }

    static string Mutate(Random random, string text)
    {
        var chars = text.ToCharArray();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            const string replacements = "{}[]\":,09eé\\ я";
            chars[random.Next(chars.Length)] = replacements[random.Next(replacements.Length)];
        }
        return new string(chars);
    }
}
