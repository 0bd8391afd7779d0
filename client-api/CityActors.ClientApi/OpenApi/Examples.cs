namespace CityActors.ClientApi.OpenApi;

/// <summary>Request and response examples in Zhytomyr's own data, by endpoint name.</summary>
public static class Examples
{
    public static readonly Dictionary<string, string> Requests = new(StringComparer.Ordinal)
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
        ["CreateKey"] = """{"name":"Департамент освіти — шкільний диспетчер","role":"department","department":"education"}""",
    };

    public static readonly Dictionary<string, string> Responses = new(StringComparer.Ordinal)
    {
        ["ReportStatus"] = """{"facility":"school-025","outcome":"applied","version":42,"source":"urn:zhytomyr:education/school-025","id":"2026-03-02T09:00-school-025"}""",
        ["ReportStatusBatch"] = """
            {"count":2,"applied":2,"heartbeats":0,"late":0,"duplicates":0,
             "results":[{"index":0,"facility":"signal-017","outcome":"applied","version":17,"id":"evt-881204"},
                        {"index":1,"facility":"shelter-101","outcome":"applied","version":9,"id":"evt-55120"}]}
            """,
        ["GetCaller"] = """{"keyId":"3f9a01c2d4e5","name":"Департамент освіти — шкільний диспетчер","role":"department","department":"education"}""",
    };
}
