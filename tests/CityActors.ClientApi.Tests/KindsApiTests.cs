using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Tests;

/// <summary>Operators and admins define and change facility kinds over HTTP; what they define is what the city then enforces.</summary>
public sealed class KindsApiTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    static string NewId() => $"water-kiosk-{Guid.NewGuid():N}"[..24];

    /// <summary>A drinking-water kiosk as an operator writes it: two statuses, a tank level in %, an alarm below 10 %.</summary>
    public static JsonObject Kiosk(string id) => JsonNode.Parse($$"""
        {"id":"{{id}}","name":"Пункт видачі питної води","nameEn":"Drinking-water kiosk",
         "statuses":[{"code":"open","name":"Працює","nameEn":"Open","available":true},{"code":"empty","name":"Вода закінчилась","nameEn":"Empty","available":false}],
         "readings":[{"name":"tank-level","unit":"%","min":0,"max":100,"type":"number"}],
         "offlineAfter":"00:20:00","offlineSeverity":"warning",
         "alarms":[{"type":"low-water","message":"Рівень води нижче 10 %","severity":"warning","reading":"tank-level","below":10}],
         "remindEvery":"00:15:00"}
        """)!.AsObject();

    static async Task<HttpResponseMessage> PutAsync(HttpClient http, string id, string body, string contentType = "application/json")
        => await http.PutAsync($"/api/v1/kinds/{id}", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task PutKind_NewKindByAnOperator_Is201AndTheCityEnforcesIt()
    {
        var id = NewId();
        var (_, _, operatorKey) = await silo.KeyAsync(ApiRole.Operator, name: "оператор Шевчук");
        using var @operator = silo.Raw(operatorKey);
        var facility = $"kiosk-{Guid.NewGuid():N}"[..18];

        using var created = await PutAsync(@operator, id, Kiosk(id).ToJsonString());
        var fetched = await silo.Public.GetKindAsync(id);
        await silo.Admin.RegisterFacilityAsync(facility, new RegisterFacilityRequest(id, "Пункт видачі води № 3", "вул. Михайлівська, 7", "Корольовський", "utilities"));
        var outOfRange = await Assert.ThrowsAsync<CityApiException>(() => silo.Admin.ReportStatusAsync(facility, new StatusUpdateRequest("open", new Dictionary<string, double> { ["tank-level"] = 140 })));
        await silo.Admin.ReportStatusAsync(facility, new StatusUpdateRequest("open", new Dictionary<string, double> { ["tank-level"] = 5 }));
        var snapshot = await silo.Admin.GetFacilityAsync(facility);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/kinds/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Пункт видачі питної води", fetched.Name);
        Assert.Equal(TimeSpan.FromMinutes(20), fetched.OfflineAfter);
        Assert.Equal(("tank-level", "%", 0d, 100d), (fetched.Readings[0].Name, fetched.Readings[0].Unit, fetched.Readings[0].Min, fetched.Readings[0].Max));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.Status);
        Assert.Equal("readings.tank-level", outOfRange.Field);
        Assert.Contains(snapshot.Alarms, a => a.Type == "low-water");
        Assert.Contains(await silo.Public.ListKindsAsync(), k => k.Id == id);
    }

    [Fact]
    public async Task PutKind_ChangedDefinition_Is200AndAuditedFieldByField()
    {
        var id = NewId();
        using var admin = silo.Raw(ApiSilo.AdminKey);
        using var first = await PutAsync(admin, id, Kiosk(id).ToJsonString());
        var changed = Kiosk(id);
        changed["name"] = "Бювет питної води";
        changed["readings"]![0]!["max"] = 120;

        using var second = await PutAsync(admin, id, changed.ToJsonString());
        using var again = await PutAsync(admin, id, changed.ToJsonString());
        var stored = await silo.Admin.GetKindAsync(id);
        var audit = (await silo.Admin.AuditAsync(action: "kind.put", target: id)).Items;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(("Бювет питної води", 120d), (stored.Name, stored.Readings[0].Max));
        Assert.Equal(3, audit.Count);
        Assert.Contains(audit[1].Changes!, c => c is { Field: "name", Old: "Пункт видачі питної води", New: "Бювет питної води" });
        Assert.Contains("unchanged", audit[2].What, StringComparison.Ordinal);
        Assert.Empty(audit[2].Changes!);
    }

    public static TheoryData<string, int, string?> BadDefinitions => new()
    {
        { "malformed", 400, null },
        { "no statuses member", 400, null },
        { "unknown member", 400, null },
        { "severity as a number", 400, null },
        { "id differs from the path", 422, "id" },
        { "min above max", 422, "readings.tank-level" },
        { "no unit", 422, "readings.tank-level" },
        { "alarm names an unknown status", 422, "alarms.low-water" },
        { "alarm names an unknown reading", 422, "alarms.low-water" },
        { "negative offline period", 422, "offlineAfter" },
        { "offline period of 99 days", 422, "offlineAfter" },
        { "status 'offline'", 422, "statuses.offline" },
        { "no statuses", 422, "statuses" },
        { "as text", 415, null },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task PutKind_BadDefinition_IsAProblemNamingTheFieldAndStoresNothing(string @case, int status, string? field)
    {
        var id = NewId();
        var kind = Kiosk(id);
        var body = @case switch
        {
            "malformed" => kind.ToJsonString()[..40],
            "no statuses member" => Without(kind, "statuses"),
            "unknown member" => With(kind, "colour", "blue"),
            "severity as a number" => With(kind, "offlineSeverity", 2),
            "id differs from the path" => With(kind, "id", "school"),
            "min above max" => With(kind, "readings", JsonNode.Parse("""[{"name":"tank-level","unit":"%","min":100,"max":0,"type":"number"}]""")),
            "no unit" => With(kind, "readings", JsonNode.Parse("""[{"name":"tank-level","unit":"","min":0,"max":100,"type":"number"}]""")),
            "alarm names an unknown status" => With(kind, "alarms", JsonNode.Parse("""[{"type":"low-water","message":"Немає води","severity":"warning","whenStatusIn":["dry"]}]""")),
            "alarm names an unknown reading" => With(kind, "alarms", JsonNode.Parse("""[{"type":"low-water","message":"Немає води","severity":"warning","reading":"pressure","below":1}]""")),
            "negative offline period" => With(kind, "offlineAfter", "-00:20:00"),
            "offline period of 99 days" => With(kind, "offlineAfter", "99.00:00:00"),
            "status 'offline'" => With(kind, "statuses", JsonNode.Parse("""[{"code":"offline","name":"Не на звʼязку","nameEn":"Offline","available":false}]""")),
            "no statuses" => With(kind, "statuses", new JsonArray()),
            _ => kind.ToJsonString(),
        };
        using var admin = silo.Raw(ApiSilo.AdminKey);

        using var response = await PutAsync(admin, id, body, @case == "as text" ? "text/plain" : "application/json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        using var after = await admin.GetAsync($"/api/v1/kinds/{id}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, problem!["status"]!.GetValue<int>());
        if (field is not null)
            Assert.Equal(field, problem["field"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task PutKind_DepartmentPlannerOrNoKey_RefusedAndNothingStored()
    {
        var id = NewId();
        var body = Kiosk(id).ToJsonString();
        using var department = silo.Raw((await silo.KeyAsync(ApiRole.Department, "utilities")).Secret);
        using var planner = silo.Raw((await silo.KeyAsync(ApiRole.Planner)).Secret);
        using var anonymous = silo.Raw(null);

        using var byDepartment = await PutAsync(department, id, body);
        using var byPlanner = await PutAsync(planner, id, body);
        using var byNobody = await PutAsync(anonymous, id, body);
        using var after = await anonymous.GetAsync($"/api/v1/kinds/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, byDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPlanner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    static string With(JsonObject kind, string member, JsonNode? value)
    {
        var copy = kind.DeepClone().AsObject();
        copy[member] = value;
        return copy.ToJsonString();
    }

    static string Without(JsonObject kind, string member)
    {
        var copy = kind.DeepClone().AsObject();
        copy.Remove(member);
        return copy.ToJsonString();
    }
}
