using System.Net;
using CityActors.Client;
using CityActors.ClientApi.Tests.Support;

namespace CityActors.ClientApi.Tests;

/// <summary>PostgreSQL refuses the audit's writes under the silo: a write is not answered as done until its audit entry is durable.</summary>
public sealed class AuditOutageTests(AuditOutageTests.QuickAuditSilo silo) : IClassFixture<AuditOutageTests.QuickAuditSilo>
{
    /// <summary>Waits a second for an audit entry, and retries refused ones every 200 ms.</summary>
    public sealed class QuickAuditSilo : PostgresApiSilo
    {
        protected override Dictionary<string, string> Settings() => new()
        {
            ["ClientApi__AuditWait"] = "00:00:01",
            ["ClientApi__AuditRetryInterval"] = "00:00:00.2",
        };
    }

    [Fact]
    public async Task Register_AuditRefused_Is503UntilTheEntryIsDurable_ThenTheTimerStoresItWithoutAnotherWrite()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        await AuditRefusal.RefuseAsync(silo.Schema);
        CityApiException refused;
        try
        {
            refused = await Assert.ThrowsAsync<CityApiException>(() => silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 40")));
        }
        finally
        {
            await AuditRefusal.AllowAsync(silo.Schema);
        }
        var registered = await silo.Admin.GetFacilityAsync(key);
        await silo.EventuallyAsync(async () => (await silo.Admin.AuditAsync(action: "facility.register", target: key)).Total == 1, "the queued entry is stored");
        await Task.Delay(1000);
        var audit = await silo.Admin.AuditAsync(action: "facility.register", target: key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("Audit unavailable", refused.Title);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal("Ліцей № 40", registered.Registration!.Name);
        Assert.Equal(201, Assert.Single(audit.Items).Status);
    }
}
