using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class ReminderTests : IAsyncLifetime
{
    readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 12, 31, 21, 0, 0, TimeSpan.Zero));
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly), _time);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Reminder_FiresAtDueTimeThenEveryPeriod_EvenAfterTheGrainWasCollected()
    {
        var key = $"yearly-{Guid.NewGuid():N}";
        var grain = _silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.RemindAsync("year-end", TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        _time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        Assert.DoesNotContain(LifecycleLog.For(key), e => e.Contains(":reminder:", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:reminder:year-end:2025-12-31T22:00:00.0000000+00:00"), "first tick");

        _time.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:reminder:year-end:2026-01-01T22:00:00.0000000+00:00"), "second tick, after idle collection");
        Assert.Contains($"{key}:deactivate:ActivationIdle", LifecycleLog.For(key));
    }

    [Fact]
    public async Task Reminder_DueAtOnce_FiresAsItsOwnTurnAfterTheCallThatRegisteredIt()
    {
        // The system clock's timers carry the registering call's context with them; the tick must not.
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly), TimeProvider.System);
        var key = $"overdue-{Guid.NewGuid():N}";
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);

        await grain.RemindAsync("now", TimeSpan.Zero, TimeSpan.FromDays(1));

        await Eventually.TrueAsync(() => LifecycleLog.For(key).Any(e => e.StartsWith($"{key}:reminder:now:", StringComparison.Ordinal)),
            "the tick, not a call cycle with its own registration");
    }

    [Fact]
    public async Task UnregisterReminder_StopsItsTicks()
    {
        var key = $"forgotten-{Guid.NewGuid():N}";
        var grain = _silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.RemindAsync("check", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

        await grain.ForgetAsync("check");
        _time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(100);

        Assert.DoesNotContain(LifecycleLog.For(key), e => e.Contains(":reminder:", StringComparison.Ordinal));
    }
}
