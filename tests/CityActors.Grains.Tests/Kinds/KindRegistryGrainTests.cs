using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;
using CityActors.Grains.Tests.Support;

namespace CityActors.Grains.Tests.Kinds;

public sealed class KindRegistryGrainTests : SqliteSiloTest
{
    static readonly FacilityKind s_waterKiosk = new(
        "water-kiosk", "Пункт видачі питної води", "Drinking-water kiosk",
        [new("open", "Працює", "Open", true), new("empty", "Вода закінчилась", "Empty", false)],
        [new("tank-level", "%", 0, 100)],
        TimeSpan.FromMinutes(20), AlarmSeverity.Warning,
        [new("low-water", "Рівень води нижче 10 %", AlarmSeverity.Warning, Reading: "tank-level", Below: 10)],
        TimeSpan.FromMinutes(15));

    IKindRegistryGrain Registry => Silo.GrainFactory.GetGrain<IKindRegistryGrain>("zhytomyr");

    [Fact]
    public async Task GetKindsAsync_FirstActivation_HoldsTheBuiltInKinds()
    {
        var kinds = await Registry.GetKindsAsync();

        Assert.Equal(BuiltInKinds.All.Select(k => k.Id).Order(StringComparer.Ordinal), kinds.Select(k => k.Id));
        Assert.Equal("Котельня", kinds.Single(k => k.Id == "boiler-house").Name);
    }

    [Fact]
    public async Task PutKindAsync_NewKind_FacilitiesOfItAreValidatedAgainstItAfterRestart()
    {
        await Registry.PutKindAsync(s_waterKiosk, Facts.Change());
        Silo = await Silo.RestartAsync();
        var kiosk = Silo.GrainFactory.GetGrain<IFacilityGrain>("kiosk-1");
        await kiosk.RegisterAsync(Facts.Registration("water-kiosk", "Пункт видачі води № 1", "utilities"), Facts.Change());

        var applied = await kiosk.ReportStatusAsync(Facts.Update("open", DateTimeOffset.UtcNow, readings: ("tank-level", 55)));
        var rejected = await Assert.ThrowsAsync<ValidationException>(() => kiosk.ReportStatusAsync(Facts.Update("open", DateTimeOffset.UtcNow, readings: ("tank-level", 140))));

        Assert.Equal(UpdateOutcome.Applied, applied.Outcome);
        Assert.Equal("readings.tank-level", rejected.Field);
        Assert.Equal(55, (await kiosk.GetSnapshotAsync()).Readings["tank-level"].Value);
    }

    [Fact]
    public async Task PutKindAsync_ReplacesAKind_ItsNewRulesApply()
    {
        var stricter = s_waterKiosk with { Alarms = [new("low-water", "Рівень води нижче 50 %", AlarmSeverity.Critical, Reading: "tank-level", Below: 50)] };
        await Registry.PutKindAsync(s_waterKiosk, Facts.Change());
        await Registry.PutKindAsync(stricter, Facts.Change());
        var kiosk = Silo.GrainFactory.GetGrain<IFacilityGrain>("kiosk-2");
        await kiosk.RegisterAsync(Facts.Registration("water-kiosk"), Facts.Change());

        await kiosk.ReportStatusAsync(Facts.Update("open", DateTimeOffset.UtcNow, readings: ("tank-level", 30)));

        var alarm = Assert.Single((await kiosk.GetSnapshotAsync()).Alarms);
        Assert.Equal(("low-water", AlarmSeverity.Critical), (alarm.Type, alarm.Severity));
    }

    [Theory]
    [InlineData("statuses")]
    [InlineData("readings.tank-level")]
    [InlineData("alarms.low-water")]
    [InlineData("offlineAfter")]
    [InlineData("readings.tank-level unit")]
    [InlineData("statuses.open name")]
    [InlineData("offlineAfter too long")]
    [InlineData("remindEvery too long")]
    [InlineData("offlineSeverity")]
    [InlineData("alarms.low-water below")]
    public async Task PutKindAsync_DefinitionContradictsItself_ThrowsValidationAndStoresNothing(string @case)
    {
        var broken = @case switch
        {
            "statuses" => s_waterKiosk with { Statuses = [] },
            "readings.tank-level" => s_waterKiosk with { Readings = [new("tank-level", "%", 100, 0)] },
            "alarms.low-water" => s_waterKiosk with { Alarms = [new("low-water", "…", AlarmSeverity.Warning, Reading: "pressure", Below: 1)] },
            "readings.tank-level unit" => s_waterKiosk with { Readings = [new("tank-level", " ", 0, 100)] },
            "statuses.open name" => s_waterKiosk with { Statuses = [new("open", "", "Open", true)], Alarms = [] },
            // A silence of years would overflow the moment the facility is due offline.
            "offlineAfter too long" => s_waterKiosk with { OfflineAfter = TimeSpan.MaxValue },
            "remindEvery too long" => s_waterKiosk with { RemindEvery = TimeSpan.FromDays(365) },
            "offlineSeverity" => s_waterKiosk with { OfflineSeverity = (AlarmSeverity)42 },
            "alarms.low-water below" => s_waterKiosk with { Alarms = [new("low-water", "Рівень води нижче 10 %", AlarmSeverity.Warning, Reading: "tank-level", Below: double.NaN)] },
            _ => s_waterKiosk with { OfflineAfter = TimeSpan.Zero },
        };
        var field = @case.Split(' ')[0];

        var error = await Assert.ThrowsAsync<ValidationException>(() => Registry.PutKindAsync(broken, Facts.Change()));

        Assert.Equal(field, error.Field);
        Assert.Null(await Registry.GetKindAsync("water-kiosk"));
    }
}
