using System.Collections.Concurrent;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.TestGrains;

/// <summary>Named gates a test opens while grain calls wait on them.</summary>
public static class Gates
{
    static readonly ConcurrentDictionary<string, TaskCompletionSource> s_open = new();
    static readonly ConcurrentDictionary<string, TaskCompletionSource> s_entered = new();

    public static Task WaitAsync(string gate)
    {
        Entered(gate).TrySetResult();
        return Open(gate).Task;
    }

    /// <summary>Completes when a call has reached the gate.</summary>
    public static Task ReachedAsync(string gate) => Entered(gate).Task;

    public static void Release(string gate) => Open(gate).TrySetResult();

    static TaskCompletionSource Open(string gate) => s_open.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    static TaskCompletionSource Entered(string gate) => s_entered.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed record TallyState
{
    public int Count { get; init; }
}

public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Waits at <paramref name="gate"/> (none when null), then counts one more and writes it.</summary>
    Task<int> CountAsync(string? gate);

    Task<int> GetAsync();
}

public sealed class TallyGrain([PersistentState("tally")] IPersistentState<TallyState> state) : Grain, ITallyGrain
{
    public async Task<int> CountAsync(string? gate)
    {
        if (gate is not null)
            await Gates.WaitAsync(gate);
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
}
