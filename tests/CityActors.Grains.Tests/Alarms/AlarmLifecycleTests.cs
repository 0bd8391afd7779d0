using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Alarms;

public sealed class AlarmLifecycleTests : IAsyncLifetime
{
    readonly ManualTimeProvider _clock = new(CityHost.Start);
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync(_clock);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    DateTimeOffset Now => _clock.GetUtcNow();

    async Task<IFacilityGrain> BoilerAsync(string key)
    {
        var boiler = _silo.GrainFactory.GetGrain<IFacilityGrain>(key);
        await boiler.RegisterAsync(Facts.Registration("boiler-house", "Котельня РК-3", "utilities"), Facts.Change());
        return boiler;
    }

    /// <summary>Keeps the boiler from going offline while the test moves the clock by hours.</summary>
    async Task AdvanceReportingAsync(IFacilityGrain boiler, TimeSpan span, string status = "fault")
    {
        for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMinutes(5))
        {
            await _clock.AdvanceAsync(TimeSpan.FromMinutes(5));
            await boiler.ReportStatusAsync(Facts.Update(status, Now));
        }
    }

    [Fact]
    public async Task RuleCondition_HoldsThenEnds_AlarmRaisedThenCleared()
    {
        var boiler = await BoilerAsync("boiler-a");
        var faultAt = Now;

        await boiler.ReportStatusAsync(Facts.Update("fault", faultAt));
        var raised = (await boiler.GetSnapshotAsync()).Alarms.Single();
        _clock.Advance(TimeSpan.FromMinutes(2));
        await boiler.ReportStatusAsync(Facts.Update("operating", Now));
        var after = await boiler.GetSnapshotAsync();

        Assert.Equal(new Alarm("fault", AlarmSeverity.Critical, "Аварія котельні", AlarmState.Raised, faultAt, "urn:test:device"), raised);
        Assert.Empty(after.Alarms);
    }

    [Fact]
    public async Task ReadingRule_OverThreshold_RaisesWithTheKindsSeverity()
    {
        var boiler = await BoilerAsync("boiler-b");

        await boiler.ReportStatusAsync(Facts.Update("operating", Now, readings: [("supply-temperature", 121), ("pressure", 1.2)]));
        var alarms = (await boiler.GetSnapshotAsync()).Alarms;

        Assert.Equal([("overheat", AlarmSeverity.Critical), ("low-pressure", AlarmSeverity.Warning)], alarms.Select(a => (a.Type, a.Severity)));
    }

    [Fact]
    public async Task Alarm_RaisedAcknowledgedCleared_EachStepWithWhoAndWhen()
    {
        var boiler = await BoilerAsync("boiler-c");
        await boiler.ReportStatusAsync(Facts.Update("fault", Now));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledgedAt = Now;

        await boiler.AcknowledgeAlarmAsync("fault", Facts.Change("диспетчер Коваль", "бригада виїхала"));
        var acknowledged = (await boiler.GetSnapshotAsync()).Alarms.Single();
        await boiler.AcknowledgeAlarmAsync("fault", Facts.Change("диспетчер Коваль"));
        var versionAfterSecondAck = (await boiler.GetSnapshotAsync()).Version;
        _clock.Advance(TimeSpan.FromMinutes(4));
        await boiler.ClearAlarmAsync("fault", Facts.Change("інженер Мельник", "котел перезапущено"));
        var history = await boiler.GetHistoryAsync(CityHost.Start, Now.AddMinutes(1));

        Assert.Equal((AlarmState.Acknowledged, "диспетчер Коваль", acknowledgedAt), (acknowledged.State, acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt!.Value));
        Assert.Equal(4, versionAfterSecondAck);
        Assert.Empty((await boiler.GetSnapshotAsync()).Alarms);
        Assert.Equal(
            [("alarm-raised", "urn:test:device", (string?)null), ("alarm-acknowledged", "диспетчер Коваль", "бригада виїхала"), ("alarm-cleared", "інженер Мельник", "котел перезапущено")],
            history.Where(h => h.AlarmType == "fault").Select(h => (h.What, h.By, h.Reason)));
    }

    [Fact]
    public async Task AcknowledgeAlarmAsync_NoSuchActiveAlarm_ThrowsValidation()
    {
        var boiler = await BoilerAsync("boiler-d");

        var error = await Assert.ThrowsAsync<ValidationException>(() => boiler.AcknowledgeAlarmAsync("overheat", Facts.Change()));

        Assert.Equal("alarmType", error.Field);
    }

    [Fact]
    public async Task ClearAlarmAsync_Offline_ThrowsValidation()
    {
        var boiler = await BoilerAsync("boiler-e");
        _clock.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<ValidationException>(() => boiler.ClearAlarmAsync("offline", Facts.Change()));

        Assert.Equal("alarmType", error.Field);
        Assert.True((await boiler.GetSnapshotAsync()).Offline);
    }

    [Fact]
    public async Task UnacknowledgedCriticalAlarm_RemindsEveryFifteenMinutesUntilAcknowledged()
    {
        var boiler = await BoilerAsync("boiler-f");
        await boiler.ReportStatusAsync(Facts.Update("fault", Now));
        var raisedAt = Now;

        await AdvanceReportingAsync(boiler, TimeSpan.FromMinutes(15));
        var once = (await boiler.GetSnapshotAsync()).Alarms.Single();
        await AdvanceReportingAsync(boiler, TimeSpan.FromMinutes(15));
        var twice = (await boiler.GetSnapshotAsync()).Alarms.Single();
        await boiler.AcknowledgeAlarmAsync("fault", Facts.Change());
        await AdvanceReportingAsync(boiler, TimeSpan.FromMinutes(45));
        var acknowledged = (await boiler.GetSnapshotAsync()).Alarms.Single();

        Assert.Equal((1, raisedAt.AddMinutes(15)), (once.Reminders, once.RemindedAt!.Value));
        Assert.Equal((2, raisedAt.AddMinutes(30)), (twice.Reminders, twice.RemindedAt!.Value));
        Assert.Equal(2, acknowledged.Reminders);
    }

    [Fact]
    public async Task WarningAlarm_IsNotReminded()
    {
        var boiler = await BoilerAsync("boiler-g");
        await boiler.ReportStatusAsync(Facts.Update("operating", Now, readings: ("pressure", 1)));

        await AdvanceReportingAsync(boiler, TimeSpan.FromMinutes(45), "operating");

        Assert.Equal(0, (await boiler.GetSnapshotAsync()).Alarms.Single().Reminders);
    }
}
