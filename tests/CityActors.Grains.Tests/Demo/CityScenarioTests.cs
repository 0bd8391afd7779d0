using CityActors.Grains.Demo;
using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;

namespace CityActors.Grains.Tests.Demo;

public sealed class CityScenarioTests
{
    /// <summary>A Tuesday, 10:00 in Kyiv.</summary>
    static readonly DateTimeOffset s_start = new(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);

    readonly DemoCity _city = DemoCityGenerator.Generate(2023);
    readonly CityScenario _scenario;

    public CityScenarioTests() => _scenario = new CityScenario(_city, 2023, new SimulatorOptions(), s_start);

    IEnumerable<DemoFacility> OfKind(params string[] kinds) => _city.Facilities.Where(f => kinds.Contains(f.Registration.Kind));

    [Fact]
    public void AirRaid_SheltersOpenWithinMinutesAndCloseAfterTheAllClear()
    {
        var alert = _scenario.AirRaidAt(s_start + TimeSpan.FromMinutes(4))!.Value;
        var shelters = OfKind("shelter", "modular-shelter").ToList();

        var before = shelters.Select(s => _scenario.ConditionOf(s.Key, alert.Start - TimeSpan.FromSeconds(1)).Status);
        var fourMinutesIn = shelters.Select(s => _scenario.ConditionOf(s.Key, alert.Start + TimeSpan.FromMinutes(4)).Status).ToList();
        var afterAllClear = shelters.Select(s => _scenario.ConditionOf(s.Key, alert.End + TimeSpan.FromMinutes(5)).Status);

        Assert.All(before, s => Assert.NotEqual("open", s));
        Assert.True(fourMinutesIn.Count(s => s == "open") >= shelters.Count * 0.95, $"{fourMinutesIn.Count(s => s == "open")} of {shelters.Count} open");
        Assert.All(afterAllClear, s => Assert.NotEqual("open", s));
        Assert.All(OfKind("siren"), s => Assert.Contains(_scenario.ConditionOf(s.Key, alert.Start + TimeSpan.FromMinutes(1)).Status, new[] { "sounding", "fault" }));
    }

    [Fact]
    public void PowerOutage_SignalsGoToBackupOrDark_BoilersToGenerators_CamerasFallSilent_InTheDistrictHit()
    {
        var outage = _scenario.PowerOutageAt(s_start + TimeSpan.FromMinutes(11))!.Value;
        var at = outage.Start + TimeSpan.FromMinutes(2);
        var hit = _city.Facilities.Where(f => f.Registration.District == outage.District).ToList();

        var signals = hit.Where(f => f.Registration.Kind == "traffic-signal").Select(f => (f.BackupPower, Condition: _scenario.ConditionOf(f.Key, at))).ToList();
        var boilers = hit.Where(f => f.Registration.Kind == "boiler-house").Select(f => _scenario.ConditionOf(f.Key, at).Status).ToList();
        var cameras = hit.Where(f => f.Registration.Kind == "cctv-camera").Select(f => _scenario.ConditionOf(f.Key, at)).ToList();
        var elsewhere = _city.Facilities.Where(f => f.Registration.District != outage.District && f.Registration.Kind == "traffic-signal").Select(f => _scenario.ConditionOf(f.Key, at).Status);

        Assert.All(signals.Where(s => s.BackupPower), s => Assert.Equal(("normal", 1.0), (s.Condition.Status, s.Condition.Readings["backup-power"])));
        Assert.All(signals.Where(s => !s.BackupPower), s => Assert.Equal("dark", s.Condition.Status));
        Assert.True(boilers.Count(s => s == "generator") >= boilers.Count - 3);
        Assert.All(cameras, c => Assert.True(c.Silent));
        Assert.DoesNotContain("dark", elsewhere);
    }

    [Fact]
    public void Step_EveryReportIsValidForItsKind()
    {
        var kinds = BuiltInKinds.All.ToDictionary(k => k.Id);
        var byKey = _city.Facilities.ToDictionary(f => f.Key);
        for (var minute = 0; minute < 90; minute += 3)
        {
            var now = s_start + TimeSpan.FromMinutes(minute);
            foreach (var (key, update) in _scenario.Step(now, 200))
                FacilityValidation.ValidateUpdate(update, kinds[byKey[key].Registration.Kind], now);
        }
    }

    [Fact]
    public void Step_FirstSendsEveryoneThenMostlyHeartbeatsWithinTheBudget_EachFacilityWithinTheOfflineThreshold()
    {
        var lastHeard = new Dictionary<string, DateTimeOffset>();
        var first = _scenario.Step(s_start, 0);
        var sizes = new List<int>();
        for (var second = 1; second <= 600; second++)
        {
            var now = s_start + TimeSpan.FromSeconds(second);
            var updates = _scenario.Step(now, 60);
            sizes.Add(updates.Count);
            foreach (var (key, _) in updates)
                lastHeard[key] = now;
        }
        var end = s_start + TimeSpan.FromSeconds(600);
        var silentNow = _city.Facilities.Where(f => _scenario.ConditionOf(f.Key, end).Silent).Select(f => f.Key).ToHashSet();

        Assert.Equal(_city.Facilities.Count - _city.Facilities.Count(f => _scenario.ConditionOf(f.Key, s_start).Silent), first.Count);
        Assert.True(sizes.Average() < 70, $"{sizes.Average()} updates per second on average");
        Assert.All(_city.Facilities.Where(f => !silentNow.Contains(f.Key) && f.Registration.Kind != "cctv-camera"),
            f => Assert.True(end - lastHeard[f.Key] < TimeSpan.FromMinutes(1), $"{f.Key} last heard {lastHeard[f.Key]:HH:mm:ss}"));
    }

    [Fact]
    public void Step_SameSeedAndStart_SameTraffic()
    {
        var again = new CityScenario(_city, 2023, new SimulatorOptions(), s_start);
        for (var minute = 0; minute < 30; minute++)
        {
            var now = s_start + TimeSpan.FromMinutes(minute);
            var a = _scenario.Step(now, 50);
            var b = again.Step(now, 50);
            Assert.Equal(a.Select(u => (u.Key, u.Update.Status, u.Update.Id)), b.Select(u => (u.Key, u.Update.Status, u.Update.Id)));
        }
    }
}
