using System.Net;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using Npgsql;

namespace CityActors.ClientApi.Tests;

/// <summary>PostgreSQL goes away under the silo and comes back: 503 with Retry-After meanwhile, then writes succeed again by themselves.</summary>
public sealed class StorageOutageTests(StorageOutageTests.OwnRoleSilo silo) : IClassFixture<StorageOutageTests.OwnRoleSilo>
{
    /// <summary>The silo logs in as a role of its own, so the test can lock that role out and let it back in.</summary>
    public sealed class OwnRoleSilo : ApiSilo
    {
        public readonly string Role = $"api_outage_{Guid.NewGuid():N}"[..24];
        readonly string _schema = $"outage_{Guid.NewGuid():N}";

        protected override Dictionary<string, string> Storage()
        {
            Execute($"CREATE ROLE {Role} LOGIN PASSWORD 'outage'; GRANT CREATE, CONNECT ON DATABASE \"{Database}\" TO {Role};");
            var connection = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Username = Role, Password = "outage", Timeout = 3 };
            return new()
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__Postgres__ConnectionString"] = connection.ConnectionString,
                ["Storage__Postgres__Schema"] = _schema,
            };
        }

        static string Database => new NpgsqlConnectionStringBuilder(PostgresConnectionString).Database!;

        public void LockOut() => Execute($"ALTER ROLE {Role} NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Role}';");

        public void LetIn() => Execute($"ALTER ROLE {Role} LOGIN;");

        protected override Task CleanUpAsync()
        {
            Execute($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE; REVOKE ALL ON DATABASE \"{Database}\" FROM {Role}; DROP ROLE IF EXISTS {Role};");
            return Task.CompletedTask;
        }

        static void Execute(string sql)
        {
            using var connection = new NpgsqlConnection(PostgresConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task StorageUnreachable_Is503WithRetryAfter_AndTheSiloRecoversByItself()
    {
        await silo.Admin.RegisterFacilityAsync("school-outage", ApiSilo.School("Ліцей № 33"));
        var before = await silo.Admin.GetFacilityAsync("school-outage");

        silo.LockOut();
        CityApiException? refused = null;
        try
        {
            refused = await Assert.ThrowsAsync<CityApiException>(() => silo.Admin.ReportStatusAsync("school-outage", new StatusUpdateRequest("remote", null, null, "urn:test", "outage-1")));
        }
        finally
        {
            silo.LetIn();
        }
        UpdateResponse? recovered = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (recovered is null)
        {
            try
            {
                recovered = await silo.Admin.ReportStatusAsync("school-outage", new StatusUpdateRequest("remote", null, null, "urn:test", "outage-1"));
            }
            catch (CityApiException e) when (e.Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
        var after = await silo.Admin.GetFacilityAsync("school-outage");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.RetryAfter);
        Assert.Equal("open", before.Status);
        Assert.Equal(Grains.Facilities.UpdateOutcome.Applied, recovered.Outcome);
        Assert.Equal("remote", after.Status);
        Assert.Equal(before.Version + 1, after.Version);
    }
}
