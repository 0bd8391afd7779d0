using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

/// <summary>Durable reminders across silos that stop and start on one SQLite file.</summary>
public sealed class ReminderRestartTests : IDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"cityactors-reminders-{Guid.NewGuid():N}.db");
    readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    Task<TestSilo> StartAsync() => TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly).UseSqliteStorage(_path), _time);

    static int Ticks(string key) => LifecycleLog.For(key).Count(e => e.Contains(":reminder:", StringComparison.Ordinal));

    [Fact]
    public async Task Reminder_TickDeliveredBeforeRestart_IsNotDeliveredAgainAtStart()
    {
        var key = $"daily-{Guid.NewGuid():N}";
        var first = await StartAsync();
        await first.GrainFactory.GetGrain<ILifecycleGrain>(key).RemindAsync("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        _time.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => Ticks(key) == 1, "the first tick at 09:00");
        await first.StopAsync();

        _time.Advance(TimeSpan.FromHours(2));
        await using var second = await StartAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        var ticksAtStart = Ticks(key);
        _time.Advance(TimeSpan.FromHours(22) - TimeSpan.FromSeconds(1));

        Assert.Equal(1, ticksAtStart);
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:reminder:daily:2026-03-02T09:00:00.0000000+00:00"), "the next day's tick");
        Assert.Equal(2, Ticks(key));
    }

    [Fact]
    public async Task Reminder_DueWhileTheSiloWasDown_FiresOncePromptlyAtStartAndNotAgainAtTheNextStart()
    {
        var key = $"missed-{Guid.NewGuid():N}";
        var first = await StartAsync();
        await first.GrainFactory.GetGrain<ILifecycleGrain>(key).RemindAsync("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await first.StopAsync();

        _time.Advance(TimeSpan.FromDays(2));
        var second = await StartAsync();
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:reminder:daily:2026-03-03T08:00:00.0000000+00:00"), "the missed tick, at start");
        await Task.Delay(300);
        var ticksAfterFirstStart = Ticks(key);
        await second.StopAsync();
        await using var third = await StartAsync();
        await Task.Delay(300);

        Assert.Equal(1, ticksAfterFirstStart);
        Assert.Equal(1, Ticks(key));
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }
}
