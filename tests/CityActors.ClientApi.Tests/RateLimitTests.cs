using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityActors.ClientApi.Tests.Support;

namespace CityActors.ClientApi.Tests;

/// <summary>A silo with low limits: more requests than a key or an address may make get 429 with Retry-After.</summary>
public sealed class RateLimitTests(RateLimitTests.LowLimitSilo silo) : IClassFixture<RateLimitTests.LowLimitSilo>
{
    public sealed class LowLimitSilo : ApiSilo
    {
        readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cityactors-api-limits-");

        protected override Dictionary<string, string> Storage() => new() { ["Storage__Sqlite__DataSource"] = Path.Combine(_folder.FullName, "city.db") };

        protected override Dictionary<string, string> Settings() => new() { ["ClientApi__PublicRequestsPerSecond"] = "5", ["ClientApi__RequestsPerSecond"] = "20" };

        protected override Task CleanUpAsync()
        {
            _folder.Delete(recursive: true);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 20)]
    public async Task Requests_BeyondTheLimit_Get429WithRetryAfter(bool withKey, int limit)
    {
        using var http = silo.Raw(withKey ? ApiSilo.AdminKey : null);
        await Task.Delay(1100); // a full bucket

        var responses = await Task.WhenAll(Enumerable.Range(0, limit * 3).Select(_ => http.GetAsync("/api/v1/aggregates/live")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var problem = await limited[0].Content.ReadFromJsonAsync<JsonElement>();

        // The bucket refills each second, so a slow burst may see one refill.
        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), limit, 2 * limit + 2);
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        foreach (var response in responses)
            response.Dispose();
    }
}
