using System.Collections.Concurrent;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Aggregation;

public sealed class CityAggregateGrainTests : IAsyncLifetime
{
    readonly ManualTimeProvider _clock = new(CityHost.Start);
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    DateTimeOffset Now => _clock.GetUtcNow();

    ICityAggregateGrain City => _silo.GrainFactory.GetGrain<ICityAggregateGrain>("zhytomyr");

    async Task<IFacilityGrain> RegisterAsync(string key, string kind, string department, string district)
    {
        var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>(key);
        await facility.RegisterAsync(Facts.Registration(kind, key, department, district), Facts.Change());
        return facility;
    }

    async Task<CityRollup> RollupWhenAsync(Func<CityRollup, bool> condition, string what)
    {
        CityRollup rollup = null!;
        await Eventually.TrueAsync(async () => condition(rollup = await City.GetRollupAsync()), what);
        return rollup;
    }

    [Fact]
    public async Task Rollup_AfterRegistrationsAndReports_CountsByKindStatusDistrictAndDepartment()
    {
        await RegisterAsync("signal-1", "traffic-signal", "transport", "Корольовський");
        var signal2 = await RegisterAsync("signal-2", "traffic-signal", "transport", "Богунський");
        await RegisterAsync("school-1", "school", "education", "Богунський");

        await signal2.ReportStatusAsync(Facts.Update("dark", Now, readings: ("mains-power", 0)));
        var rollup = await RollupWhenAsync(r => r.KindStatus.Any(c => c.Status == "dark"), "the dark signal is counted");

        Assert.Equal(new RollupCounts(3, 2, 0, new AlarmCounts(1, 0, 0)), rollup.Total);
        Assert.Equal(
            [new KindStatusCount("school", "open", 1), new KindStatusCount("traffic-signal", "dark", 1), new KindStatusCount("traffic-signal", "normal", 1)],
            rollup.KindStatus);
        Assert.Equal([new AreaCounts("Богунський", new RollupCounts(2, 1, 0, new AlarmCounts(1, 0, 0))), new AreaCounts("Корольовський", new RollupCounts(1, 1, 0, default))], rollup.Districts);
        Assert.Equal(new RollupCounts(2, 1, 0, new AlarmCounts(1, 0, 0)), rollup.Departments.Single(d => d.Name == "transport").Counts);
        Assert.Equal(new AlarmCounts(1, 0, 0), rollup.Alarms);
    }

    [Fact]
    public async Task Rollup_SilentFacility_CountedOfflineUntilItReports()
    {
        var camera = await RegisterAsync("camera-1", "cctv-camera", "it", "Корольовський");

        _clock.Advance(TimeSpan.FromMinutes(5));
        var offline = await RollupWhenAsync(r => r.Total.Offline == 1, "offline counted");
        await camera.ReportStatusAsync(Facts.Update("recording", Now));
        var back = await RollupWhenAsync(r => r.Total.Offline == 0, "back online");

        Assert.Equal([new KindStatusCount("cctv-camera", "offline", 1)], offline.KindStatus);
        Assert.Equal(new AlarmCounts(0, 1, 0), offline.Alarms);
        Assert.Equal([new KindStatusCount("cctv-camera", "recording", 1)], back.KindStatus);
        Assert.Equal(default, back.Alarms);
    }

    [Fact]
    public async Task SubscribeAsync_Observer_GetsOnlyWhatChangedWithNewValues()
    {
        await RegisterAsync("boiler-1", "boiler-house", "utilities", "Корольовський");
        var boiler2 = await RegisterAsync("boiler-2", "boiler-house", "utilities", "Богунський");
        await RollupWhenAsync(r => r.Total.Facilities == 2, "both counted");
        var observer = new RecordingObserver();
        await City.SubscribeAsync(_silo.GrainFactory.CreateObjectReference<ICityObserver>(observer));

        await boiler2.ReportStatusAsync(Facts.Update("fault", Now));
        await Eventually.TrueAsync(() => observer.Deltas.Any(d => d.AlarmNotices.Count > 0), "a delta with the alarm");
        var delta = observer.Deltas.Single(d => d.AlarmNotices.Count > 0);

        Assert.Equal([new AreaCounts("Богунський", new RollupCounts(1, 0, 0, new AlarmCounts(1, 0, 0)))], delta.Districts);
        Assert.Equal(
            [new KindStatusCount("boiler-house", "fault", 1), new KindStatusCount("boiler-house", "operating", 1)],
            delta.KindStatus.OrderBy(k => k.Status));
        var facility = Assert.Single(delta.Facilities);
        Assert.Equal(("boiler-2", "fault", false), (facility.Key, facility.Status, facility.Available));
        var notice = Assert.Single(delta.AlarmNotices);
        Assert.Equal(("boiler-2", "fault", AlarmSeverity.Critical, AlarmState.Raised), (notice.FacilityKey, notice.AlarmType, notice.Severity, notice.State));
    }

    [Fact]
    public async Task UnsubscribeAsync_Observer_HearsNothingMore()
    {
        var boiler = await RegisterAsync("boiler-3", "boiler-house", "utilities", "Корольовський");
        var observer = new RecordingObserver();
        var reference = _silo.GrainFactory.CreateObjectReference<ICityObserver>(observer);
        await City.SubscribeAsync(reference);
        await boiler.ReportStatusAsync(Facts.Update("fault", Now));
        await Eventually.TrueAsync(() => !observer.Deltas.IsEmpty, "first delta");

        await City.UnsubscribeAsync(reference);
        var heard = observer.Deltas.Count;
        await boiler.ReportStatusAsync(Facts.Update("operating", Now));
        await RollupWhenAsync(r => r.Alarms.Total == 0, "the repair is counted");

        Assert.Equal(heard, observer.Deltas.Count);
    }

    [Fact]
    public async Task Heartbeats_ChangeNoCount_AndSendNoDelta()
    {
        var boiler = await RegisterAsync("boiler-4", "boiler-house", "utilities", "Корольовський");
        var before = await RollupWhenAsync(r => r.Total.Facilities == 1, "registered");
        var observer = new RecordingObserver();
        await City.SubscribeAsync(_silo.GrainFactory.CreateObjectReference<ICityObserver>(observer));

        for (var i = 0; i < 5; i++)
            await boiler.ReportStatusAsync(Facts.Update("operating", Now));
        await boiler.ReportStatusAsync(Facts.Update("operating", Now, readings: ("pressure", 2.5)));
        await RollupWhenAsync(r => r.Sequence > before.Sequence, "the readings change passed through");

        Assert.Empty(observer.Deltas);
    }

    [Fact]
    public async Task RegisterAsync_DistrictAndDepartmentChange_MovesTheCounts()
    {
        var shelter = await RegisterAsync("shelter-1", "shelter", "housing", "Корольовський");
        await RollupWhenAsync(r => r.Total.Facilities == 1, "registered");

        await shelter.RegisterAsync(Facts.Registration("shelter", "shelter-1", "civil-protection", "Богунський"), Facts.Change());
        var rollup = await RollupWhenAsync(r => r.Districts.Any(d => d.Name == "Богунський"), "moved");

        Assert.Equal([new AreaCounts("Богунський", new RollupCounts(1, 1, 0, default))], rollup.Districts);
        Assert.Equal([new AreaCounts("civil-protection", new RollupCounts(1, 1, 0, default))], rollup.Departments);
    }

    sealed class RecordingObserver : ICityObserver
    {
        public ConcurrentQueue<CityDelta> Deltas { get; } = new();

        public Task OnCityDeltaAsync(CityDelta delta)
        {
            Deltas.Enqueue(delta);
            return Task.CompletedTask;
        }
    }
}
