using System.Collections.Concurrent;

namespace CityActors.Runtime.Tests.TestGrains;

public interface ITurnGrain : IGrainWithStringKey
{
    Task<int> PingAsync();

    /// <summary>Waits a while inside the turn and records how many calls were inside at once.</summary>
    Task WorkAsync(int delayMilliseconds);

    [ReadOnly]
    Task ReadAsync(int delayMilliseconds);

    [AlwaysInterleave]
    Task<int> PeekInsideAsync();

    Task<int> GetMaxInsideAsync();

    Task ThrowAsync(string message);

    ValueTask<string> EchoAsync(string text);

    Task WaitForeverAsync();
}

/// <summary>Counts how often each key was constructed, so tests can see one activation per id.</summary>
public static class ActivationCounter
{
    public static ConcurrentDictionary<string, int> Constructed { get; } = new();
}

public abstract class TurnGrainBase : Grain
{
    int _inside;
    int _maxInside;

    protected TurnGrainBase()
    {
        ActivationCounter.Constructed.AddOrUpdate(GrainId.ToString(), 1, (_, n) => n + 1);
    }

    public Task<int> PingAsync() => Task.FromResult(1);

    public async Task WorkAsync(int delayMilliseconds)
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        await Task.Delay(delayMilliseconds);
        await Task.Yield();
        _inside--;
    }

    public Task ReadAsync(int delayMilliseconds) => WorkAsync(delayMilliseconds);

    public Task<int> PeekInsideAsync() => Task.FromResult(_inside);

    public Task<int> GetMaxInsideAsync() => Task.FromResult(_maxInside);

    public async Task ThrowAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public ValueTask<string> EchoAsync(string text) => ValueTask.FromResult(text);

    public Task WaitForeverAsync() => new TaskCompletionSource().Task;
}

public sealed class TurnGrain : TurnGrainBase, ITurnGrain;

public interface IReentrantTurnGrain : ITurnGrain;

[Reentrant]
public sealed class ReentrantTurnGrain : TurnGrainBase, IReentrantTurnGrain;
