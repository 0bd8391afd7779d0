using System.Collections.Concurrent;
using CityActors.Runtime.Timers;

namespace CityActors.Runtime.Tests.TestGrains;

/// <summary>What lifecycle grains saw, by key.</summary>
public static class LifecycleLog
{
    public static ConcurrentQueue<string> Entries { get; } = new();

    public static IEnumerable<string> For(string key) => Entries.Where(e => e.StartsWith(key + ":", StringComparison.Ordinal));
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> WhoAsync();

    Task GoIdleAsync();

    Task StartTimerAsync(TimeSpan due, TimeSpan period);

    Task<int> GetTicksAsync();

    Task StopTimerAsync();

    Task RemindAsync(string name, TimeSpan due, TimeSpan period);

    Task ForgetAsync(string name);
}

public abstract class LifecycleGrainBase : Grain, IRemindable
{
    readonly string _instance = Guid.NewGuid().ToString("N");
    IGrainTimer? _timer;
    int _ticks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LifecycleLog.Entries.Enqueue($"{this.GetPrimaryKeyString()}:activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LifecycleLog.Entries.Enqueue($"{this.GetPrimaryKeyString()}:deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<string> WhoAsync() => Task.FromResult(_instance);

    public Task GoIdleAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(TimeSpan due, TimeSpan period)
    {
        _timer = RegisterGrainTimer(_ =>
        {
            _ticks++;
            return Task.CompletedTask;
        }, due, period);
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task RemindAsync(string name, TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder(name, due, period);

    public async Task ForgetAsync(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is not null)
            await UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        LifecycleLog.Entries.Enqueue($"{this.GetPrimaryKeyString()}:reminder:{reminderName}:{status.CurrentTickTime:O}");
        return Task.CompletedTask;
    }
}

public sealed class LifecycleGrain : LifecycleGrainBase, ILifecycleGrain;

public interface IShortLivedGrain : ILifecycleGrain;

[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain : LifecycleGrainBase, IShortLivedGrain;

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> PingAsync();
}

public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        throw new InvalidOperationException($"activation of {this.GetPrimaryKeyString()} refused");
    }

    public Task<int> PingAsync() => Task.FromResult(1);
}

/// <summary>Gates that hold a call of <see cref="IHoldingGrain"/> until the test opens them, by key.</summary>
public static class HoldGates
{
    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public static TaskCompletionSource For(string key) => Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public interface IHoldingGrain : IGrainWithStringKey
{
    /// <summary>Answers once the test opens this key's gate.</summary>
    Task HoldAsync();
}

public sealed class HoldingGrain : LifecycleGrainBase, IHoldingGrain
{
    public Task HoldAsync() => HoldGates.For(this.GetPrimaryKeyString()).Task;
}

public interface ISlowLifecycleGrain : ILifecycleGrain;

/// <summary>Activates and deactivates only when its token is cancelled, when the key says so.</summary>
public sealed class SlowLifecycleGrain : LifecycleGrainBase, ISlowLifecycleGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString().StartsWith("slow-activate", StringComparison.Ordinal))
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LifecycleLog.Entries.Enqueue($"{this.GetPrimaryKeyString()}:deactivate-cancelled");
        }
    }
}
