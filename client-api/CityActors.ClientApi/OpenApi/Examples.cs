using System.Text.Json.Nodes;

namespace CityActors.ClientApi.OpenApi;

/// <summary>Request, response and problem examples in Zhytomyr's own data, by endpoint name.</summary>
/// <remarks>
/// The response examples (<c>ResponseExamples.json</c>) are answers of a silo running the demo city, shortened to two items
/// per list; a key <c>"{name} {media type}"</c> gives the example of one media type when an endpoint answers in several.
/// </remarks>
public static class Examples
{
    static readonly Dictionary<string, string> s_requests = new(StringComparer.Ordinal)
    {
        ["RegisterFacility"] = """
            {"kind":"school","name":"Ліцей № 25 м. Житомира","address":"вул. Велика Бердичівська, 40","district":"Корольовський",
             "department":"education","location":{"latitude":50.2547,"longitude":28.6587},"locationPublic":true,"capacity":1100,
             "reason":"Реєстрація закладу за даними Департаменту освіти"}
            """,
        ["ReportStatus"] = """
            {"status":"open","readings":{"temperature":19.5,"occupancy":812,"power":1},"observedAt":"2026-03-02T09:00:00+02:00",
             "source":"urn:zhytomyr:education/school-025","id":"2026-03-02T09:00-school-025"}
            """,
        ["ReportStatusBatch"] = """
            [{"facility":"signal-017","status":"flashing","readings":{"mains-power":0,"backup-power":1},"observedAt":"2026-03-02T18:40:00+02:00",
              "source":"urn:zhytomyr:transport/signal-controller","id":"evt-881204"},
             {"facility":"shelter-101","status":"open","readings":{"occupancy":143},"observedAt":"2026-03-02T18:41:00+02:00",
              "source":"urn:zhytomyr:civil-protection/shelters","id":"evt-55120"}]
            """,
        ["AcknowledgeAlarm"] = """{"reason":"Аварійна бригада КП «Житомирводоканал» виїхала на місце","by":"диспетчер Коваленко О."}""",
        ["ClearAlarm"] = """{"reason":"Живлення відновлено, світлофор працює у штатному режимі"}""",
        ["SubmitProjectReport"] = """
            {"statusText":"Виконано капітальний ремонт покрівлі та утеплення фасаду; роботи тривають","statusClass":"inProgress",
             "completionPercent":65,"moneyPlanned":12500000,"moneySpent":8120000,"reason":"Звіт за 2025 рік"}
            """,
        ["SetStatusOverride"] = """{"statusClass":"inProgress","reason":"Роботи тривають: звіт департаменту описує етап, а не завершення"}""",
        ["PutKind"] = """
            {"id":"water-kiosk","name":"Пункт видачі питної води","nameEn":"Drinking-water kiosk",
             "statuses":[{"code":"open","name":"Працює","nameEn":"Open","available":true},{"code":"empty","name":"Вода закінчилась","nameEn":"Empty","available":false}],
             "readings":[{"name":"tank-level","unit":"%","min":0,"max":100,"type":"number"}],
             "offlineAfter":"00:20:00","offlineSeverity":"warning",
             "alarms":[{"type":"low-water","message":"Рівень води нижче 10 %","severity":"warning","whenStatusIn":null,"reading":"tank-level","below":10,"above":null}],
             "remindEvery":"00:15:00"}
            """,
        ["CreateKey"] = """{"name":"Департамент освіти — шкільний диспетчер","role":"department","department":"education"}""",
        ["ImportConcept"] = "Інформація про виконання завдань та реалізацію проєктів пріоритету \"Ефективне місто\"\n"
            + "№ з/п\tОпис завдання відповідно до Концепції\tПроект\tВиконавчий орган міської ради\tІнформація про виконання за 2025 рік\n"
            + "1\tСтворити інформаційну платформу інвестиційного і кадрового потенціалу міста\tБізнес-платформа 2019-2030 роки\t"
            + "Департамент економічного розвитку міської ради\tЗабезпечено наповнення та актуалізацію інвестиційних пропозицій громади\n",
        ["ImportFacilities"] = "id,kind,name,address,district,department,latitude,longitude,locationPublic,capacity\n"
            + "school-025,school,Ліцей № 25 м. Житомира,\"вул. Велика Бердичівська, 40\",Корольовський,education,50.2547,28.6587,true,1100\n",
        ["ImportFacilities application/json"] = """
            [{"id":"school-025","kind":"school","name":"Ліцей № 25 м. Житомира","address":"вул. Велика Бердичівська, 40","district":"Корольовський",
              "department":"education","latitude":50.2547,"longitude":28.6587,"locationPublic":true,"capacity":1100}]
            """,
    };

    static readonly JsonObject s_responses = Load();

    /// <summary>The request example of an endpoint in one media type: JSON for a JSON body, text otherwise; null when there is none.</summary>
    public static JsonNode? Request(string endpoint, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var text = s_requests.GetValueOrDefault($"{endpoint} {mediaType}") ?? s_requests.GetValueOrDefault(endpoint);
        return text is null ? null : IsJson(mediaType) ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    /// <summary>The example of an endpoint's successful answer in one media type; null when there is none.</summary>
    public static JsonNode? Response(string endpoint, string mediaType)
        => (s_responses[$"{endpoint} {mediaType}"] ?? s_responses[endpoint])?.DeepClone();

    public static bool IsJson(string mediaType) => mediaType.Contains("json", StringComparison.Ordinal);

    /// <summary>A problem answer of this status, as the API writes it.</summary>
    public static JsonObject Problem(int status)
    {
        var (title, detail, field) = Problems(status);
        var problem = new JsonObject
        {
            ["type"] = $"https://cityactors.zhytomyr.ua/problems/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (field is not null)
            problem["field"] = field;
        return problem;
    }

    public static string ProblemTitle(int status) => Problems(status).Title;

    static (string Title, string Detail, string? Field) Problems(int status) => status switch
    {
        400 => ("Malformed JSON", "The body is not valid for this request (line 1, position 38): 'з' is an invalid start of a value.", "readings.temperature"),
        401 => ("API key required", "Send an API key in the X-Api-Key header.", null),
        403 => ("Not your department's", "Facility 'school-025' belongs to department 'education'; this key writes only for 'transport'. Nothing was changed.", null),
        404 => ("Unknown facility", "Facility 'school-999' is not registered.", null),
        409 => ("Conflict", "The request conflicts with the current state; nothing was changed.", null),
        413 => ("Batch too large", "A batch may carry at most 10,000 updates; this one has 12,500. Split it.", "$"),
        415 => ("Unsupported content type", "Send the body as application/json; it was 'text/plain'.", null),
        422 => ("Invalid value", "readings.temperature: 180 is outside the range of school: -40 to 60 °C.", "readings.temperature"),
        429 => ("Too many requests", "This key (or address) sent more than its limit; wait 1 s. Batches carry up to 10,000 updates in one request.", null),
        503 => ("Storage unavailable", "The city's storage cannot be reached right now; nothing of this request is lost or half applied. Retry later.", null),
        _ => ("Problem", "The request could not be served.", null),
    };

    static JsonObject Load()
    {
        using var stream = typeof(Examples).Assembly.GetManifestResourceStream("CityActors.ClientApi.OpenApi.ResponseExamples.json")
            ?? throw new InvalidOperationException("ResponseExamples.json is not embedded.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
