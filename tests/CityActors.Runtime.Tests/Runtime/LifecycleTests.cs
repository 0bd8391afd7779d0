using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class LifecycleTests : IAsyncLifetime
{
    readonly ManualTimeProvider _time = new();
    TestSilo _silo = null!;

    public async Task InitializeAsync()
        => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly), _time);

    /// <summary>Stops the silo; a call that never ends fails when the stop runs out of time.</summary>
    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _silo.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task DeactivateOnIdle_AfterTheCall_DeactivatesAndTheNextCallMakesANewActivation()
    {
        var key = $"idle-{Guid.NewGuid():N}";
        var grain = _silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var first = await grain.WhoAsync();

        await grain.GoIdleAsync();
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:deactivate:ApplicationRequested"), "deactivation");
        var second = await grain.WhoAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(2, LifecycleLog.For(key).Count(e => e.EndsWith(":activate", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IdleCollection_DefaultAge_CollectsAfterFifteenMinutesNotBefore()
    {
        var key = $"collect-{Guid.NewGuid():N}";
        await _silo.GrainFactory.GetGrain<ILifecycleGrain>(key).WhoAsync();

        _time.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(100);
        Assert.DoesNotContain($"{key}:deactivate:ActivationIdle", LifecycleLog.For(key));

        _time.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:deactivate:ActivationIdle"), "idle collection");
    }

    [Fact]
    public async Task IdleCollection_ClassWithItsOwnAge_IsCollectedSooner()
    {
        var key = $"short-{Guid.NewGuid():N}";
        await _silo.GrainFactory.GetGrain<IShortLivedGrain>(key).WhoAsync();

        _time.Advance(TimeSpan.FromMinutes(3));

        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:deactivate:ActivationIdle"), "collection after 2 minutes");
    }

    [Fact]
    public async Task GrainTimer_FiresAtDueTimeThenEveryPeriod_UntilDisposed()
    {
        var grain = _silo.GrainFactory.GetGrain<ILifecycleGrain>($"timer-{Guid.NewGuid():N}");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.Equal(0, await grain.GetTicksAsync());

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await grain.GetTicksAsync() == 1, "first tick at 10 s");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(async () => await grain.GetTicksAsync() == 2, "second tick at 15 s");

        await grain.StopTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50);
        Assert.Equal(2, await grain.GetTicksAsync());
    }

    [Fact]
    public async Task Call_GrainNeverAnswers_TimesOutAfterResponseTimeout()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"silent-{Guid.NewGuid():N}");
        var call = grain.WaitForeverAsync();
        await Task.Delay(50);

        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("WaitForeverAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagementGrain_ReportsActivationsByType()
    {
        await _silo.GrainFactory.GetGrain<ITurnGrain>("counted-1").PingAsync();
        await _silo.GrainFactory.GetGrain<ITurnGrain>("counted-2").PingAsync();

        var statistics = await _silo.GrainFactory.GetGrain<IManagementGrain>("silo").GetRuntimeStatisticsAsync();

        Assert.True(statistics.ActivationsByType["turn"] >= 2);
        Assert.True(statistics.TotalCalls >= 2);
        Assert.Equal("memory", statistics.StorageBackend);
    }
}
