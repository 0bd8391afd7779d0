using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Facilities;

public sealed class FacilityGrainTests : IAsyncLifetime
{
    readonly ManualTimeProvider _clock = new(CityHost.Start);
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    DateTimeOffset Now => _clock.GetUtcNow();

    async Task<IFacilityGrain> RegisteredAsync(string key, string kind = "boiler-house")
    {
        var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>(key);
        await facility.RegisterAsync(Facts.Registration(kind, "Котельня РК-5", "utilities"), Facts.Change());
        return facility;
    }

    [Fact]
    public async Task RegisterAsync_NewFacility_StartsInItsKindsFirstStatusAndAvailable()
    {
        var facility = await RegisteredAsync("boiler-1");

        var snapshot = await facility.GetSnapshotAsync();

        Assert.Equal("Котельня РК-5", snapshot.Registration!.Name);
        Assert.Equal("operating", snapshot.Status);
        Assert.True(snapshot.Available);
        Assert.Equal(Now, snapshot.LastSeenAt);
        Assert.Equal(Now + TimeSpan.FromMinutes(10), snapshot.OfflineAt);
    }

    [Fact]
    public async Task RegisterAsync_SameDataTwice_RecordsOneEvent()
    {
        var facility = await RegisteredAsync("boiler-2");

        await facility.RegisterAsync(Facts.Registration("boiler-house", "Котельня РК-5", "utilities"), Facts.Change());

        Assert.Equal(1, (await facility.GetSnapshotAsync()).Version);
    }

    [Fact]
    public async Task RegisterAsync_UnknownKind_ThrowsValidation()
    {
        var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>("nope");

        var error = await Assert.ThrowsAsync<ValidationException>(() => facility.RegisterAsync(Facts.Registration("spaceport"), Facts.Change()));

        Assert.Equal("kind", error.Field);
        Assert.Null((await facility.GetSnapshotAsync()).Registration);
    }

    [Fact]
    public async Task ReportStatusAsync_NotRegistered_ThrowsNotRegistered()
    {
        var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>("ghost");

        var error = await Assert.ThrowsAsync<NotRegisteredException>(() => facility.ReportStatusAsync(Facts.Update("operating", Now)));

        Assert.Equal("ghost", error.Key);
    }

    [Fact]
    public async Task ReportStatusAsync_ChangedStatusAndReadings_AppliesThemWithObservedTime()
    {
        var facility = await RegisteredAsync("boiler-3");
        var observed = Now.AddSeconds(-20);

        var result = await facility.ReportStatusAsync(Facts.Update("generator", observed, readings: [("supply-temperature", 82.5), ("mains-power", 0)]));
        var snapshot = await facility.GetSnapshotAsync();

        Assert.Equal(new UpdateResult(UpdateOutcome.Applied, 3), result); // registered, reported, on-generator alarm raised
        Assert.Equal("generator", snapshot.Status);
        Assert.Equal(observed, snapshot.StatusSince);
        Assert.Equal(new ReadingValue(82.5, observed), snapshot.Readings["supply-temperature"]);
        Assert.True(snapshot.Available);
    }

    [Theory]
    [InlineData("boiling", "supply-temperature", 80, "status")]
    [InlineData("operating", "supply-temperature", 151, "readings.supply-temperature")]
    [InlineData("operating", "pressure", -1, "readings.pressure")]
    [InlineData("operating", "mains-power", 0.5, "readings.mains-power")]
    [InlineData("operating", "humidity", 40, "readings.humidity")]
    [InlineData("operating", "supply-temperature", double.NaN, "readings.supply-temperature")]
    public async Task ReportStatusAsync_InvalidUpdate_ThrowsValidationAndChangesNothing(string status, string reading, double value, string field)
    {
        var facility = await RegisteredAsync("boiler-4");
        await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: ("supply-temperature", 80)));
        var before = await facility.GetSnapshotAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<ValidationException>(() => facility.ReportStatusAsync(Facts.Update(status, Now, readings: (reading, value))));
        var after = await facility.GetSnapshotAsync();

        Assert.Equal(field, error.Field);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.LastSeenAt, after.LastSeenAt);
        Assert.Equal(80, after.Readings["supply-temperature"].Value);
    }

    [Fact]
    public async Task ReportStatusAsync_ObservedInTheFuture_ThrowsValidation()
    {
        var facility = await RegisteredAsync("boiler-5");

        var error = await Assert.ThrowsAsync<ValidationException>(() => facility.ReportStatusAsync(Facts.Update("operating", Now.AddMinutes(6))));

        Assert.Equal("observedAt", error.Field);
    }

    [Fact]
    public async Task ReportStatusAsync_SameIdempotencyKeyTwice_AppliesOnce()
    {
        var facility = await RegisteredAsync("boiler-6");
        var update = Facts.Update("fault", Now, "fault-1", ("pressure", 0.4));

        var first = await facility.ReportStatusAsync(update);
        var second = await facility.ReportStatusAsync(update);
        var history = await facility.GetHistoryAsync(Now.AddHours(-1), Now.AddHours(1));

        Assert.Equal(UpdateOutcome.Applied, first.Outcome);
        Assert.Equal(new UpdateResult(UpdateOutcome.Duplicate, first.Version), second);
        Assert.Single(history, e => e.What == "status");
    }

    [Fact]
    public async Task ReportStatusAsync_KeyRepeatedLongAfterManyOthers_StillAppliesOnce()
    {
        var facility = await RegisteredAsync("boiler-7");
        var original = Facts.Update("operating", Now, "first", ("supply-temperature", 60));
        await facility.ReportStatusAsync(original);
        for (var i = 1; i <= 40; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: ("supply-temperature", 60 + i)));
        }
        var version = (await facility.GetSnapshotAsync()).Version;

        var again = await facility.ReportStatusAsync(original);

        Assert.Equal(new UpdateResult(UpdateOutcome.Duplicate, version), again);
        Assert.Equal(100, (await facility.GetSnapshotAsync()).Readings["supply-temperature"].Value);
    }

    [Fact]
    public async Task ReportStatusAsync_Heartbeat_RefreshesLastSeenWithoutGrowingTheJournal()
    {
        var facility = await RegisteredAsync("boiler-8");
        await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: ("supply-temperature", 70)));
        var version = (await facility.GetSnapshotAsync()).Version;
        _clock.Advance(TimeSpan.FromMinutes(3));

        var result = await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: ("supply-temperature", 70)));
        var snapshot = await facility.GetSnapshotAsync();

        Assert.Equal(new UpdateResult(UpdateOutcome.Heartbeat, version), result);
        Assert.Equal(version, snapshot.Version);
        Assert.Equal(Now, snapshot.LastSeenAt);
        Assert.Equal(Now + TimeSpan.FromMinutes(10), snapshot.OfflineAt);
    }

    [Fact]
    public async Task ReportStatusAsync_OutOfOrder_LiveShowsTheLatestObservationAndHistoryIsInObservedOrder()
    {
        var facility = await RegisteredAsync("boiler-9");
        var t0 = Now;
        _clock.Advance(TimeSpan.FromMinutes(2));

        var newer = await facility.ReportStatusAsync(Facts.Update("fault", t0.AddMinutes(2), "b"));
        var older = await facility.ReportStatusAsync(Facts.Update("standby", t0.AddMinutes(1), "a"));
        var snapshot = await facility.GetSnapshotAsync();
        var history = await facility.GetHistoryAsync(t0, t0.AddHours(1));

        Assert.Equal(UpdateOutcome.Applied, newer.Outcome);
        Assert.Equal(UpdateOutcome.Late, older.Outcome);
        Assert.Equal("fault", snapshot.Status);
        Assert.Equal(["registered", "status", "status", "alarm-raised"], history.Select(h => h.What));
        Assert.Equal(["operating", "standby", "fault"], history.Where(h => h.Status is not null).Select(h => h.Status));
        Assert.True(history[1].Late);
        Assert.True(history[1].Version > history[2].Version);
    }

    [Fact]
    public async Task GetStateAtAsync_PastMoment_FoldsWhatWasObservedUpToThenIncludingLateReports()
    {
        var facility = await RegisteredAsync("boiler-10");
        var t0 = Now;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await facility.ReportStatusAsync(Facts.Update("fault", t0.AddMinutes(6)));
        await facility.ReportStatusAsync(Facts.Update("standby", t0.AddMinutes(3), readings: ("pressure", 2)));

        var atTwo = await facility.GetStateAtAsync(t0.AddMinutes(2));
        var atFour = await facility.GetStateAtAsync(t0.AddMinutes(4));
        var atSeven = await facility.GetStateAtAsync(t0.AddMinutes(7));
        var live = await facility.GetSnapshotAsync();

        Assert.Equal("operating", atTwo.Status);
        Assert.Equal(("standby", true), (atFour.Status, atFour.Available));
        Assert.Equal(("fault", false), (atSeven.Status, atSeven.Available));
        Assert.Equal(t0.AddMinutes(6), atSeven.AvailableSince);
        Assert.Equal(live.Status, atSeven.Status);
        Assert.Equal(live.Readings, atSeven.Readings);
        Assert.Equal(live.Alarms.Select(a => a.Type), atSeven.Alarms.Select(a => a.Type));
    }

    [Fact]
    public async Task ReportStatusAsync_OlderChangeAfterANewerHeartbeat_TheHeartbeatWinsLiveAndInTheJournal()
    {
        var facility = await RegisteredAsync("boiler-11");
        var t0 = Now;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await facility.ReportStatusAsync(Facts.Update("operating", t0.AddMinutes(8)));

        var late = await facility.ReportStatusAsync(Facts.Update("fault", t0.AddMinutes(5)));
        var live = await facility.GetSnapshotAsync();
        var atSix = await facility.GetStateAtAsync(t0.AddMinutes(6));
        var atNine = await facility.GetStateAtAsync(t0.AddMinutes(9));

        Assert.Equal(UpdateOutcome.Late, late.Outcome);
        Assert.Equal("operating", live.Status);
        Assert.Equal("fault", atSix.Status);
        Assert.Equal("operating", atNine.Status);
    }

    [Fact]
    public async Task ReportStatusAsync_PartialReadings_KeepTheOthers()
    {
        var facility = await RegisteredAsync("boiler-12");
        await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: [("supply-temperature", 75), ("pressure", 3)]));
        _clock.Advance(TimeSpan.FromMinutes(1));

        await facility.ReportStatusAsync(Facts.Update("operating", Now, readings: ("pressure", 3.5)));
        var readings = (await facility.GetSnapshotAsync()).Readings;

        Assert.Equal(75, readings["supply-temperature"].Value);
        Assert.Equal(new ReadingValue(3.5, Now), readings["pressure"]);
    }

    [Fact]
    public async Task ReportStatusAsync_RepeatedAfterARestart_StillAppliesOnce()
    {
        var facility = await RegisteredAsync("boiler-13");
        var updates = new List<StatusUpdate>();
        for (var i = 0; i < 40; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            updates.Add(Facts.Update("operating", Now, readings: ("supply-temperature", 60 + i)));
            await facility.ReportStatusAsync(updates[^1]);
        }
        var version = (await facility.GetSnapshotAsync()).Version;

        _silo = await _silo.RestartAsync();
        var restarted = _silo.GrainFactory.GetGrain<IFacilityGrain>("boiler-13");
        var oldest = await restarted.ReportStatusAsync(updates[0]);
        var latest = await restarted.ReportStatusAsync(updates[^1]);

        Assert.Equal(new UpdateResult(UpdateOutcome.Duplicate, version), oldest);
        Assert.Equal(new UpdateResult(UpdateOutcome.Duplicate, version), latest);
        Assert.Equal(99, (await restarted.GetSnapshotAsync()).Readings["supply-temperature"].Value);
    }
}
