using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.Support;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

/// <summary>Activation and deactivation timeouts and the graceful stop, all measured on the silo's clock.</summary>
public sealed class StopAndTimeoutTests
{
    static readonly TimeSpan s_realTimeGrace = TimeSpan.FromSeconds(3);

    readonly ManualTimeProvider _time = new();

    static Task<TestSilo> StartAsync(ManualTimeProvider time, Dictionary<string, string?>? configuration = null)
        => TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly), time, configuration);

    [Fact]
    public async Task OnActivateAsync_RunsPastActivationTimeoutOnTheSiloClock_CallFailsWithCancellation()
    {
        await using var silo = await StartAsync(_time, new() { ["Runtime:GrainCollection:ActivationTimeout"] = "00:00:05" });
        var call = silo.GrainFactory.GetGrain<ISlowLifecycleGrain>($"slow-activate-{Guid.NewGuid():N}").WhoAsync();
        await Task.Delay(100);
        Assert.False(call.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_realTimeGrace));
    }

    [Fact]
    public async Task OnDeactivateAsync_RunsPastDeactivationTimeoutOnTheSiloClock_ItsTokenIsCancelled()
    {
        await using var silo = await StartAsync(_time, new() { ["Runtime:GrainCollection:DeactivationTimeout"] = "00:00:07" });
        var key = $"slow-deactivate-{Guid.NewGuid():N}";
        var grain = silo.GrainFactory.GetGrain<ISlowLifecycleGrain>(key);
        await grain.GoIdleAsync();
        await Task.Delay(100);
        _time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(100);
        Assert.DoesNotContain($"{key}:deactivate-cancelled", LifecycleLog.For(key));

        _time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:deactivate-cancelled"), "deactivation token cancelled at 7 s", 3_000);
    }

    [Fact]
    public async Task Stop_CallStillRunning_WaitsForItThenDeactivatesForTheStop()
    {
        var silo = await StartAsync(_time);
        var key = $"hold-{Guid.NewGuid():N}";
        var call = silo.GrainFactory.GetGrain<IHoldingGrain>(key).HoldAsync();
        await Eventually.TrueAsync(() => LifecycleLog.For(key).Contains($"{key}:activate"), "activation");

        var stop = silo.StopAsync();
        await Task.Delay(200);
        var stoppedWhileHeld = stop.IsCompleted;
        HoldGates.For(key).SetResult();
        await stop.WaitAsync(s_realTimeGrace);

        Assert.False(stoppedWhileHeld);
        await call;
        Assert.Contains($"{key}:deactivate:ShuttingDown", LifecycleLog.For(key));
    }

    [Fact]
    public async Task Stop_CallNeverEnds_GivesUpWhenTheStopRunsOutOfTimeAndTheCallFails()
    {
        var silo = await StartAsync(_time);
        var call = silo.GrainFactory.GetGrain<ITurnGrain>($"forever-{Guid.NewGuid():N}").WaitForeverAsync();
        await Task.Delay(100);
        using var shutdownTimeout = new CancellationTokenSource();

        var stop = silo.StopAsync(shutdownTimeout.Token);
        await Task.Delay(300);
        var stoppedBeforeTimeout = stop.IsCompleted;
        await shutdownTimeout.CancelAsync();

        Assert.False(stoppedBeforeTimeout);
        await stop.WaitAsync(s_realTimeGrace);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(s_realTimeGrace));
    }
}
