using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;
using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;

namespace CityActors.ClientApi.Tests;

/// <summary>The API over real HTTP against the real silo; run on SQLite and on PostgreSQL.</summary>
public abstract partial class ApiContract<TSilo>(TSilo silo) where TSilo : ApiSilo
{
    protected TSilo Silo { get; } = silo;

    static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task RegisterAndGet_PublicView_WithholdsAnUnpublishableLocationAndItsAddress()
    {
        var key = NewKey("shelter");
        var street = $"вул. Прихована, {Guid.NewGuid():N}"[..32];
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.Shelter("Укриття при ліцеї № 25") with { Address = street });

        var full = await Silo.Admin.GetFacilityAsync(key);
        var publicView = await Silo.Public.GetFacilityAsync(key);
        await Silo.EventuallyAsync(async () => (await Silo.Public.ListFacilitiesAsync(new FacilityQuery(Search: key))).Total == 1, "listed");
        var listed = Assert.Single((await Silo.Public.ListFacilitiesAsync(new FacilityQuery(Search: key))).Items);
        var byAddressWithKey = await Silo.Admin.ListFacilitiesAsync(new FacilityQuery(Search: street));
        var byAddressPublic = await Silo.Public.ListFacilitiesAsync(new FacilityQuery(Search: street));
        using var raw = await Silo.Raw(null).GetAsync($"/api/v1/facilities?q={Uri.EscapeDataString(key)}");

        Assert.NotNull(full.Registration!.Location);
        Assert.Equal(street, full.Registration.Address);
        Assert.Null(publicView.Registration!.Location);
        Assert.Equal("", publicView.Registration.Address);
        Assert.Equal("Укриття при ліцеї № 25", publicView.Registration.Name);
        Assert.Null(listed.Location);
        Assert.Equal("", listed.Address);
        Assert.False(listed.LocationPublic);
        Assert.Equal(key, Assert.Single(byAddressWithKey.Items).Key);
        Assert.Equal(0, byAddressPublic.Total);
        Assert.DoesNotContain("Прихована", await raw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicView_PublishableFacility_KeepsItsAddressAndIsFoundByIt()
    {
        var key = NewKey("school");
        var street = $"вул. Відкрита, {Guid.NewGuid():N}"[..30];
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 2") with { Address = street });

        await Silo.EventuallyAsync(async () => (await Silo.Public.ListFacilitiesAsync(new FacilityQuery(Search: street))).Total == 1, "found by its address");
        var publicView = await Silo.Public.GetFacilityAsync(key);

        Assert.Equal(street, publicView.Registration!.Address);
        Assert.NotNull(publicView.Registration.Location);
    }

    [Fact]
    public async Task ReportStatus_SameIdempotencyKeyTwice_ReplaysTheFirstAnswerAndAppliesOnce()
    {
        var key = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 25"));
        using var http = Silo.Raw(ApiSilo.AdminKey);
        async Task<HttpResponseMessage> SendAsync(string temperature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/facilities/{key}/status")
            {
                Content = new StringContent("{\"status\":\"open\",\"readings\":{\"temperature\":" + temperature + "}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "morning-2026-03-02");
            return await http.SendAsync(request);
        }

        using var first = await SendAsync("19.5");
        using var retry = await SendAsync("19.5");
        using var other = await SendAsync("21");
        var history = await Silo.Admin.HistoryAsync(key, Now.AddHours(-1), Now.AddMinutes(1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Single(history, h => h.What == "status");
    }

    [Fact]
    public async Task CreateKey_SameIdempotencyKeyConcurrently_RunsOnceAndEveryRequestGetsTheFirstAnswer()
    {
        var name = $"планувальник {Guid.NewGuid():N}";
        var idempotencyKey = Guid.NewGuid().ToString("N");
        using var http = Silo.Raw(ApiSilo.AdminKey);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 16).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys")
            {
                Content = new StringContent($$"""{"name":"{{name}}","role":"planner"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            await go.Task;
            using var response = await http.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }).ToList();

        go.SetResult();
        var answers = await Task.WhenAll(requests);
        var keys = await Silo.Admin.ListKeysAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(15, answers.Count(a => a.Replayed));
        Assert.Single(keys, k => k.Name == name);
    }

    [Fact]
    public async Task ReportStatus_SameSourceAndIdTwice_SecondIsADuplicate()
    {
        var key = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Гімназія № 3"));
        var update = new StatusUpdateRequest("remote", null, Now, "urn:zhytomyr:education/test", "evt-1");

        var first = await Silo.Admin.ReportStatusAsync(key, update);
        var second = await Silo.Admin.ReportStatusAsync(key, update);

        Assert.Equal(UpdateOutcome.Applied, first.Outcome);
        Assert.Equal(UpdateOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task Batch_ResultPerItem_AndHistoryAndStateAsOf()
    {
        var school = NewKey("school");
        var signal = NewKey("signal");
        await Silo.Admin.RegisterFacilityAsync(school, ApiSilo.School("Ліцей № 1"));
        await Silo.Admin.RegisterFacilityAsync(signal, ApiSilo.Signal("Світлофор № 17"));
        var morning = Now.AddMinutes(-30);
        var noon = Now.AddMinutes(-10);

        var response = await Silo.Admin.ReportBatchAsync([
            new BatchUpdateItem(school, "open", new Dictionary<string, double> { ["temperature"] = 20 }, morning, "urn:test", "a-1"),
            new BatchUpdateItem(signal, "flashing", new Dictionary<string, double> { ["mains-power"] = 0 }, morning, "urn:test", "a-2"),
            new BatchUpdateItem(school, "closed", null, noon, "urn:test", "a-3"),
            new BatchUpdateItem(school, "closed", null, noon, "urn:test", "a-3"),
        ]);
        var history = await Silo.Admin.HistoryAsync(school, morning.AddMinutes(-1), Now);
        var atMorning = await Silo.Admin.StateAtAsync(school, morning.AddMinutes(1));

        Assert.Equal(4, response.Count);
        Assert.Equal([UpdateOutcome.Applied, UpdateOutcome.Applied, UpdateOutcome.Applied, UpdateOutcome.Duplicate], response.Results.Select(r => r.Outcome));
        Assert.Equal([0, 1, 2, 3], response.Results.Select(r => r.Index));
        Assert.Equal(["open", "closed"], history.Where(h => h.What == "status").Select(h => h.Status));
        Assert.Equal("open", atMorning.Status);
        Assert.Equal("closed", (await Silo.Admin.GetFacilityAsync(school)).Status);
    }

    [Fact]
    public async Task Batch_OneItemOutOfRange_RefusedWholeAndNothingApplied()
    {
        var a = NewKey("school");
        var b = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(a, ApiSilo.School("Ліцей № 5"));
        await Silo.Admin.RegisterFacilityAsync(b, ApiSilo.School("Ліцей № 6"));
        var versions = (await Silo.VersionAsync(a), await Silo.VersionAsync(b));

        var refused = await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.ReportBatchAsync([
            new BatchUpdateItem(a, "remote"),
            new BatchUpdateItem(b, "open", new Dictionary<string, double> { ["temperature"] = 80 }),
        ]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("[1].readings.temperature", refused.Field);
        Assert.Contains("80", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(versions, (await Silo.VersionAsync(a), await Silo.VersionAsync(b)));
    }

    [Fact]
    public async Task Batch_MoreThanTenThousand_Is413()
    {
        var items = Enumerable.Range(0, 10_001).Select(i => new BatchUpdateItem("school-x", "open")).ToList();

        var refused = await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.ReportBatchAsync(items));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal("Batch too large", refused.Title);
    }

    [Theory]
    [InlineData("application/json", "{\"status\":\"open\",", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("application/json", "{\"status\":\"open\",\"readings\":{\"temperature\":\"warm\"}}", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("application/json", "{\"readings\":{}}", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("text/plain", "{\"status\":\"open\"}", HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type")]
    [InlineData("application/json", "{\"status\":\"open\",\"readings\":{\"temperature\":-40}}", HttpStatusCode.UnprocessableEntity, "Invalid value")]
    [InlineData("application/json", "{\"status\":\"flying\"}", HttpStatusCode.UnprocessableEntity, "Invalid value")]
    public async Task ReportStatus_BadRequest_IsAProblemAndChangesNothing(string contentType, string body, HttpStatusCode expected, string title)
    {
        var key = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 7"));
        var version = await Silo.VersionAsync(key);
        using var http = Silo.Raw(ApiSilo.AdminKey);

        using var response = await http.PostAsync($"/api/v1/facilities/{key}/status", new StringContent(body, Encoding.UTF8, contentType));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(version, await Silo.VersionAsync(key));
    }

    [Fact]
    public async Task ReportStatus_UnknownFacility_Is404Problem()
    {
        var refused = await Assert.ThrowsAsync<CityApiException>(() => Silo.Admin.ReportStatusAsync("school-nowhere", new StatusUpdateRequest("open")));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("Unknown facility", refused.Title);
    }

    [Fact]
    public async Task Alarm_AcknowledgedByAnOperator_ListedWithWhoAndWhyAndAudited()
    {
        var signal = NewKey("signal");
        await Silo.Admin.RegisterFacilityAsync(signal, ApiSilo.Signal("Світлофор: Київська — Хлібна"));
        var (operatorClient, operatorKey, _) = await Silo.KeyAsync(ApiRole.Operator, name: "диспетчер Коваленко");
        await Silo.Admin.ReportStatusAsync(signal, new StatusUpdateRequest("dark", new Dictionary<string, double> { ["mains-power"] = 0 }));
        await Silo.EventuallyAsync(async () => (await operatorClient.ListAlarmsAsync(facility: signal)).Total == 1, "the dark alarm is listed");

        await operatorClient.AcknowledgeAlarmAsync(signal, "dark", new AlarmActionRequest("Бригада виїхала"));
        await Silo.EventuallyAsync(async () => (await operatorClient.ListAlarmsAsync(facility: signal)).Items[0].Alarm.State == AlarmState.Acknowledged, "acknowledged");
        var alarm = (await operatorClient.ListAlarmsAsync(facility: signal)).Items[0].Alarm;
        var audit = await Silo.Admin.AuditAsync(action: "alarm.acknowledge", target: signal);
        var history = await Silo.Admin.HistoryAsync(signal, Now.AddMinutes(-5), Now.AddMinutes(1));

        Assert.Equal("диспетчер Коваленко", alarm.AcknowledgedBy);
        Assert.Equal("Бригада виїхала", history.Single(h => h.What == "alarm-acknowledged").Reason);
        var entry = Assert.Single(audit.Items);
        Assert.Equal(operatorKey.Id, entry.KeyId);
        Assert.Equal(200, entry.Status);
        Assert.Equal("127.0.0.1", entry.From);
        Assert.Contains("Бригада виїхала", entry.What, StringComparison.Ordinal);
        Assert.Contains(entry.Changes!, c => c is { Field: "alarms.dark.state", Old: "raised", New: "acknowledged" });
        Assert.Contains(entry.Changes!, c => c is { Field: "alarms.dark.acknowledgedBy", Old: null, New: "диспетчер Коваленко" });
    }

    [Fact]
    public async Task Audit_RegistryStatusAndKeyChanges_RecordEachChangedFieldWithOldAndNew()
    {
        var key = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 30"));
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 30 імені Лесі Українки") with { Capacity = 1200 });
        await Silo.Admin.ReportStatusAsync(key, new StatusUpdateRequest("remote", new Dictionary<string, double> { ["temperature"] = 18 }));
        var (_, created, _) = await Silo.KeyAsync(ApiRole.Planner, name: $"планувальник {key}");
        await Silo.Admin.RevokeKeyAsync(created.Id);

        var registry = (await Silo.Admin.AuditAsync(action: "facility.register", target: key)).Items;
        var status = Assert.Single((await Silo.Admin.AuditAsync(action: "facility.status", target: key)).Items);
        var keyCreated = Assert.Single((await Silo.Admin.AuditAsync(action: "key.create", limit: 10_000)).Items, e => e.Changes?.Any(c => c is { Field: "id" } && c.New == created.Id) == true);
        var keyRevoked = Assert.Single((await Silo.Admin.AuditAsync(action: "key.revoke", target: created.Id)).Items);

        Assert.Equal(2, registry.Count);
        Assert.Equal([("capacity", "1100", "1200"), ("name", "Ліцей № 30", "Ліцей № 30 імені Лесі Українки")], registry[1].Changes!.Select(c => (c.Field, c.Old, c.New)));
        Assert.Contains("capacity, name", registry[1].What, StringComparison.Ordinal);
        Assert.Contains(status.Changes!, c => c is { Field: "status", Old: "open", New: "remote" });
        Assert.Contains(status.Changes!, c => c is { Field: "readings.temperature", Old: null, New: "18" });
        Assert.Contains(keyCreated.Changes!, c => c is { Field: "role", Old: null, New: "planner" });
        Assert.Contains(keyRevoked.Changes!, c => c is { Field: "revokedAt", Old: null, New: not null });
        Assert.All(registry.Concat([status, keyCreated, keyRevoked]), e => Assert.NotNull(e.Id));
    }

    [Fact]
    public async Task Keys_Revoked_StopsWorkingAndSecretIsNeverListed()
    {
        var (client, key, secret) = await Silo.KeyAsync(ApiRole.Planner, name: "планувальник Шевчук");
        var before = await client.MeAsync();

        await Silo.Admin.RevokeKeyAsync(key.Id);
        var refused = await Assert.ThrowsAsync<CityApiException>(() => client.MeAsync());
        using var list = await Silo.Raw(ApiSilo.AdminKey).GetAsync("/api/v1/keys");
        var listed = await list.Content.ReadAsStringAsync();

        Assert.Equal(ApiRole.Planner, before.Role);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[^20..], listed, StringComparison.Ordinal);
        Assert.Contains(key.Id, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_WithoutKey_CannotWriteOrReadHistory()
    {
        var key = NewKey("school");
        await Silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 9"));

        var write = await Assert.ThrowsAsync<CityApiException>(() => Silo.Public.ReportStatusAsync(key, new StatusUpdateRequest("open")));
        var history = await Assert.ThrowsAsync<CityApiException>(() => Silo.Public.HistoryAsync(key, Now.AddHours(-1), Now));
        var alarms = await Assert.ThrowsAsync<CityApiException>(() => Silo.Public.ListAlarmsAsync());

        Assert.All(new[] { write, history, alarms }, e => Assert.Equal(HttpStatusCode.Unauthorized, e.Status));
    }

    [Fact]
    public async Task List_Filters_ByKindDepartmentAndAlarm()
    {
        var department = NewKey("dept");
        var school = NewKey("school");
        var signal = NewKey("signal");
        await Silo.Admin.RegisterFacilityAsync(school, ApiSilo.School("Ліцей № 11", department));
        await Silo.Admin.RegisterFacilityAsync(signal, ApiSilo.Signal("Світлофор № 11", department));
        await Silo.Admin.ReportStatusAsync(signal, new StatusUpdateRequest("dark", new Dictionary<string, double> { ["mains-power"] = 0 }));

        await Silo.EventuallyAsync(async () => (await Silo.Admin.ListFacilitiesAsync(new FacilityQuery(Department: department, Alarm: AlarmFilter.Critical))).Total == 1, "critical listed");
        var all = await Silo.Admin.ListFacilitiesAsync(new FacilityQuery(Department: department));
        var schools = await Silo.Admin.ListFacilitiesAsync(new FacilityQuery(Department: department, Kind: "school"));

        Assert.Equal(2, all.Total);
        Assert.Equal(school, Assert.Single(schools.Items).Key);
    }

    [Fact]
    public async Task OpenApi_DocumentAndBrowsableUi_WithUkrainianExamples()
    {
        using var http = Silo.Raw(null);

        var document = await http.GetStringAsync("/openapi/v1.json");
        using var ui = await http.GetAsync("/api/docs/index.html");

        Assert.Contains("\"/api/v1/facilities/status/batch\"", document, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", document, StringComparison.Ordinal);
        Assert.Contains("Ліцей № 25 м. Житомира", JsonDocument.Parse(document).RootElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}

public sealed class SqliteApiTests(SqliteApiSilo silo) : ApiContract<SqliteApiSilo>(silo), IClassFixture<SqliteApiSilo>;

public sealed class PostgresApiTests(PostgresApiSilo silo) : ApiContract<PostgresApiSilo>(silo), IClassFixture<PostgresApiSilo>;
