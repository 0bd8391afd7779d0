using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;

namespace CityActors.Grains.Tests.Directory;

/// <summary>The directory on a real SQLite file: filters, order, paging, alarms, and what survives a crash.</summary>
public sealed class FacilityDirectoryGrainTests : SqliteSiloTest
{
    IFacilityDirectoryGrain Directory => Silo.GrainFactory.GetGrain<IFacilityDirectoryGrain>("zhytomyr");

    static DateTimeOffset Now => DateTimeOffset.UtcNow;

    async Task<IFacilityGrain> RegisterAsync(string key, string kind, string name, string department = "education", string district = "Корольовський",
        string address = "вул. Київська, 1", bool locationPublic = true)
    {
        var facility = Silo.GrainFactory.GetGrain<IFacilityGrain>(key);
        var registration = new FacilityRegistration(kind, name, address, district, department, new GeoPoint(50.25, 28.66), locationPublic, 100);
        await facility.RegisterAsync(registration, Facts.Change());
        return facility;
    }

    async Task<FacilityPage> ListWhenAsync(FacilityQuery query, Func<FacilityPage, bool> condition, string what)
    {
        FacilityPage page = null!;
        await Eventually.TrueAsync(async () => condition(page = await Directory.ListAsync(query)), what);
        return page;
    }

    async Task RegisterSmallCityAsync()
    {
        await RegisterAsync("school-025", "school", "Ліцей № 25", address: "вул. Велика Бердичівська, 40");
        await RegisterAsync("school-003", "school", "Гімназія № 3", district: "Богунський", address: "вул. Пушкінська, 5");
        await RegisterAsync("kindergarten-012", "kindergarten", "ЗДО № 12 «Сонечко»", district: "Богунський", address: "вул. Шевченка, 12");
        await RegisterAsync("signal-017", "traffic-signal", "Світлофор: Київська — Хлібна", "transport", address: "перехрестя Київська / Хлібна");
        await RegisterAsync("shelter-101", "shelter", "Укриття при ліцеї № 25", "civil-protection", address: "вул. Вʼячеслава Липинського, 3", locationPublic: false);
    }

    [Fact]
    public async Task ListAsync_Filters_MatchKindDistrictDepartmentStatusAndText()
    {
        await RegisterSmallCityAsync();
        var signal = Silo.GrainFactory.GetGrain<IFacilityGrain>("signal-017");
        await signal.ReportStatusAsync(Facts.Update("dark", Now, readings: ("mains-power", 0)));
        await ListWhenAsync(new FacilityQuery(Status: "dark"), p => p.Total == 1, "the dark signal is listed");

        var schools = await Directory.ListAsync(new FacilityQuery(Kind: "school"));
        var bohunskyi = await Directory.ListAsync(new FacilityQuery(District: "Богунський"));
        var transport = await Directory.ListAsync(new FacilityQuery(Department: "transport"));
        var unavailable = await Directory.ListAsync(new FacilityQuery(Available: false));
        var critical = await Directory.ListAsync(new FacilityQuery(Alarm: AlarmFilter.Critical));
        var quiet = await Directory.ListAsync(new FacilityQuery(Alarm: AlarmFilter.None));
        var byName = await Directory.ListAsync(new FacilityQuery(Search: "ЛІЦЕ"));
        var byAddress = await Directory.ListAsync(new FacilityQuery(Search: "в'ячеслава"));

        Assert.Equal(["school-003", "school-025"], schools.Items.Select(f => f.Key));
        Assert.Equal(["kindergarten-012", "school-003"], bohunskyi.Items.Select(f => f.Key));
        Assert.Equal("signal-017", Assert.Single(transport.Items).Key);
        Assert.Equal("signal-017", Assert.Single(unavailable.Items).Key);
        var dark = Assert.Single(critical.Items);
        Assert.Equal(new AlarmCounts(1, 0, 0), dark.Alarms);
        Assert.Equal("dark", Assert.Single(dark.ActiveAlarms).Type);
        Assert.NotNull(dark.LastSeenAt);
        Assert.Equal(4, quiet.Total);
        Assert.Equal(["school-025", "shelter-101"], byName.Items.Select(f => f.Key));
        Assert.Equal("shelter-101", Assert.Single(byAddress.Items).Key);
    }

    [Fact]
    public async Task ListAsync_SortAndPage_GivesTheSliceAndTheTotal()
    {
        await RegisterSmallCityAsync();
        await ListWhenAsync(new FacilityQuery(), p => p.Total == 5, "all five listed");

        var byName = await Directory.ListAsync(new FacilityQuery(Sort: FacilitySort.Name));
        var secondPage = await Directory.ListAsync(new FacilityQuery(Sort: FacilitySort.Key, Descending: true, Offset: 2, Limit: 2));

        Assert.Equal(["Гімназія № 3", "ЗДО № 12 «Сонечко»", "Ліцей № 25", "Світлофор: Київська — Хлібна", "Укриття при ліцеї № 25"], byName.Items.Select(f => f.Name));
        Assert.Equal(5, secondPage.Total);
        Assert.Equal(["school-025", "school-003"], secondPage.Items.Select(f => f.Key));
        Assert.True(secondPage.Checkpoint > 0);
    }

    [Fact]
    public async Task ListAsync_RegistryChange_MovesTheFacility()
    {
        await RegisterAsync("school-025", "school", "Ліцей № 25");
        await RegisterAsync("school-025", "school", "Ліцей № 25 імені Івана Франка", district: "Богунський");

        var page = await ListWhenAsync(new FacilityQuery(District: "Богунський"), p => p.Total == 1, "the school moved district");

        var school = Assert.Single(page.Items);
        Assert.Equal("Ліцей № 25 імені Івана Франка", school.Name);
        Assert.Equal(0, (await Directory.ListAsync(new FacilityQuery(District: "Корольовський"))).Total);
    }

    [Fact]
    public async Task ListAlarmsAsync_RaisedAcknowledgedCleared_FollowsTheAlarm()
    {
        var signal = await RegisterAsync("signal-017", "traffic-signal", "Світлофор", "transport");
        var school = await RegisterAsync("school-025", "school", "Ліцей № 25");
        await signal.ReportStatusAsync(Facts.Update("dark", Now, readings: ("mains-power", 0)));
        await school.ReportStatusAsync(Facts.Update("open", Now, readings: [("temperature", 12), ("power", 0)]));
        await Eventually.TrueAsync(async () => (await Directory.ListAlarmsAsync(new AlarmQuery())).Total == 3, "three alarms listed");

        var all = await Directory.ListAlarmsAsync(new AlarmQuery());
        await signal.AcknowledgeAlarmAsync("dark", Facts.Change(by: "диспетчер Коваленко"));
        await Eventually.TrueAsync(async () => (await Directory.ListAlarmsAsync(new AlarmQuery(State: AlarmState.Acknowledged))).Total == 1, "acknowledged");
        var acknowledged = Assert.Single((await Directory.ListAlarmsAsync(new AlarmQuery(State: AlarmState.Acknowledged))).Items);
        await school.ClearAlarmAsync("cold", Facts.Change());
        await Eventually.TrueAsync(async () => (await Directory.ListAlarmsAsync(new AlarmQuery(Facility: "school-025"))).Total == 1, "cold cleared");

        Assert.Equal(AlarmSeverity.Critical, all.Items[0].Alarm.Severity);
        Assert.Equal(["dark", "cold", "no-power"], all.Items.Select(a => a.Alarm.Type));
        Assert.Equal("диспетчер Коваленко", acknowledged.Alarm.AcknowledgedBy);
        Assert.Equal("Світлофор", acknowledged.FacilityName);
        var left = Assert.Single((await Directory.ListAlarmsAsync(new AlarmQuery(Facility: "school-025"))).Items);
        Assert.Equal("no-power", left.Alarm.Type);
        Assert.Equal(new AlarmCounts(0, 1, 0), (await Directory.GetAsync("school-025"))!.Alarms);
    }

    [Fact]
    public async Task ListAsync_BadPage_IsRejected()
    {
        var negative = await Assert.ThrowsAsync<ValidationException>(() => Directory.ListAsync(new FacilityQuery(Offset: -1)));
        var tooLarge = await Assert.ThrowsAsync<ValidationException>(() => Directory.ListAlarmsAsync(new AlarmQuery(Limit: FacilityQuery.MaxLimit + 1)));

        Assert.Equal("offset", negative.Field);
        Assert.Equal("limit", tooLarge.Field);
    }

    [Fact]
    public async Task Directory_AfterACrash_HasEveryAcknowledgedChange()
    {
        await RegisterSmallCityAsync();
        await ListWhenAsync(new FacilityQuery(), p => p.Total == 5, "all five listed");
        await RegisterAsync("school-099", "school", "Ліцей № 99");
        await RegisterAsync("school-003", "school", "Гімназія № 3 (оновлено)", district: "Богунський");

        await Silo.KillAsync();
        Silo = await Silo.RestartAsync();
        var page = await ListWhenAsync(new FacilityQuery(Kind: "school"), p => p.Total == 3, "three schools after restart");

        Assert.Equal(["Гімназія № 3 (оновлено)", "Ліцей № 25", "Ліцей № 99"], page.Items.Select(f => f.Name));
        Assert.False((await Directory.GetAsync("shelter-101"))!.LocationPublic);
    }
}
