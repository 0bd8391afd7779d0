using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Facilities;

public sealed class FacilityGrainOfflineTests : IAsyncLifetime
{
    static readonly TimeSpan s_cameraN = TimeSpan.FromMinutes(5);
    static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    readonly ManualTimeProvider _clock = new(CityHost.Start);
    readonly string _path = CityHost.NewSqlitePath();
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartAsync(CityHost.Sqlite(_path), _clock, new Dictionary<string, string?>
    {
        ["Runtime:GrainCollection:CollectionAge"] = "00:01:00",
        ["Runtime:GrainCollection:CollectionQuantum"] = "00:00:20",
    });

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        CityHost.DeleteSqlite(_path);
    }

    DateTimeOffset Now => _clock.GetUtcNow();

    async Task<IFacilityGrain> CameraAsync(string key)
    {
        var camera = _silo.GrainFactory.GetGrain<IFacilityGrain>(key);
        await camera.RegisterAsync(Facts.Registration("cctv-camera", "Камера № 0001", "it"), Facts.Change());
        return camera;
    }

    int FacilityActivations() => _silo.Silo.GetStatistics().ActivationsByType.GetValueOrDefault("facility");

    [Fact]
    public async Task NoReportForN_OfflineRaisedAtNToTheSecond()
    {
        var camera = await CameraAsync("camera-1");
        var registeredAt = Now;

        _clock.Advance(s_cameraN - s_second);
        var before = await camera.GetSnapshotAsync();
        _clock.Advance(s_second);
        var after = await camera.GetSnapshotAsync();

        Assert.False(before.Offline);
        Assert.True(after.Offline);
        Assert.Equal("offline", Assert.Single(after.Alarms).Type);
        Assert.Equal(registeredAt + s_cameraN, after.Alarms[0].RaisedAt);
        Assert.Equal(AlarmSeverity.Warning, after.Alarms[0].Severity);
        Assert.False(after.Available);
        Assert.Equal(registeredAt + s_cameraN, after.AvailableSince);
    }

    [Fact]
    public async Task ReportsKeepComing_DeadlineMovesWithTheLastReport()
    {
        var camera = await CameraAsync("camera-2");
        _clock.Advance(TimeSpan.FromMinutes(3));
        await camera.ReportStatusAsync(Facts.Update("recording", Now, readings: ("bitrate", 4000)));
        var lastReport = Now;

        _clock.Advance(TimeSpan.FromMinutes(4));
        var atSeven = await camera.GetSnapshotAsync();
        _clock.Advance(s_cameraN - TimeSpan.FromMinutes(4) - s_second);
        var justBefore = await camera.GetSnapshotAsync();
        _clock.Advance(s_second);
        var atDeadline = await camera.GetSnapshotAsync();

        Assert.False(atSeven.Offline);
        Assert.Equal(lastReport + s_cameraN, atSeven.OfflineAt);
        Assert.False(justBefore.Offline);
        Assert.True(atDeadline.Offline);
        Assert.Equal(lastReport + s_cameraN, atDeadline.Alarms.Single().RaisedAt);
    }

    [Fact]
    public async Task ReportAfterOffline_ClearsTheAlarmWithWhoAndWhen()
    {
        var camera = await CameraAsync("camera-3");
        _clock.Advance(TimeSpan.FromMinutes(7));

        var result = await camera.ReportStatusAsync(Facts.Update("recording", Now));
        var snapshot = await camera.GetSnapshotAsync();
        var history = await camera.GetHistoryAsync(CityHost.Start, Now.AddMinutes(1));

        Assert.Equal(UpdateOutcome.Applied, result.Outcome);
        Assert.False(snapshot.Offline);
        Assert.True(snapshot.Available);
        Assert.Empty(snapshot.Alarms);
        var cleared = Assert.Single(history, h => h.What == "alarm-cleared");
        Assert.Equal(("offline", "urn:test:device", Now), (cleared.AlarmType, cleared.By, cleared.ObservedAt));
        Assert.Equal(Now + s_cameraN, snapshot.OfflineAt);
    }

    [Fact]
    public async Task IdleCollection_PendingTimerKeepsTheFacilityActiveUntilItGoesOffline()
    {
        await CameraAsync("camera-4");
        var registeredAt = Now;

        for (var i = 0; i < 4 * 60 + 59; i++)
            _clock.Advance(s_second);
        var activeBefore = FacilityActivations();
        _clock.Advance(s_second);
        var snapshot = await _silo.GrainFactory.GetGrain<IFacilityGrain>("camera-4").GetSnapshotAsync();

        Assert.Equal(1, activeBefore);
        Assert.Equal(registeredAt + s_cameraN, snapshot.Alarms.Single().RaisedAt);
    }

    [Fact]
    public async Task IdleCollection_OfflineFacility_IsCollected()
    {
        await CameraAsync("camera-5");
        _clock.Advance(s_cameraN);
        await _silo.GrainFactory.GetGrain<IFacilityGrain>("camera-5").GetSnapshotAsync();

        await Eventually.TrueAsync(() =>
        {
            _clock.Advance(TimeSpan.FromSeconds(20));
            return FacilityActivations() == 0;
        }, "the offline facility is collected");
    }

    [Fact]
    public async Task SiloDownPastTheDeadline_AfterRestartOfflineIsRaisedStampedWithTheOriginalDeadline()
    {
        var camera = await CameraAsync("camera-6");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await camera.ReportStatusAsync(Facts.Update("recording", Now, readings: ("bitrate", 3000)));
        _clock.Advance(TimeSpan.FromSeconds(30));
        await camera.ReportStatusAsync(Facts.Update("recording", Now, readings: ("bitrate", 3000)));
        var lastSeen = Now;
        await _silo.StopAsync();

        _clock.Advance(TimeSpan.FromMinutes(40));
        _silo = await _silo.RestartAsync();
        await Eventually.TrueAsync(() =>
        {
            _clock.Advance(TimeSpan.Zero);
            return FacilityActivations() == 1;
        }, "the offline-watch reminder wakes the facility");
        var restarted = _silo.GrainFactory.GetGrain<IFacilityGrain>("camera-6");
        await Eventually.TrueAsync(async () =>
        {
            _clock.Advance(TimeSpan.Zero);
            return (await restarted.GetSnapshotAsync()).Offline;
        }, "the re-armed timer fires");
        var snapshot = await restarted.GetSnapshotAsync();

        Assert.True(snapshot.Offline);
        Assert.Equal(lastSeen + s_cameraN, snapshot.Alarms.Single().RaisedAt);
    }

    [Fact]
    public async Task SiloKilledBeforeTheDeadline_AtTheNextStartOfflineIsRaisedAtOnceStampedWithTheDeadline()
    {
        var camera = await CameraAsync("camera-7");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await camera.ReportStatusAsync(Facts.Update("recording", Now, readings: ("bitrate", 3000)));
        var lastSeen = Now;
        await _silo.KillAsync();

        // Down for six minutes: the deadline passed a minute ago, long before a 15-minute watch would come round.
        _clock.Advance(TimeSpan.FromMinutes(6));
        var startedAt = Now;
        _silo = await _silo.RestartAsync();
        await Eventually.TrueAsync(() =>
        {
            _clock.Advance(TimeSpan.Zero);
            return FacilityActivations() == 1;
        }, "the overdue offline-watch wakes the facility at start");
        var snapshot = await _silo.GrainFactory.GetGrain<IFacilityGrain>("camera-7").GetSnapshotAsync();

        Assert.Equal(startedAt, Now);
        Assert.True(snapshot.Offline);
        Assert.Equal(lastSeen + s_cameraN, snapshot.Alarms.Single().RaisedAt);
    }
}
