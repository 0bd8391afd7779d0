namespace CityActors.Benchmarks.Harness;

/// <summary>Completes a task from a thread-pool work item, as an activation's turn completes a caller's call.</summary>
/// <remarks>
/// With <see cref="UnderContext"/> the task completes while a synchronization context of its own type is
/// current, as it is inside a turn; the runtime then will not run the awaiting caller inline and queues it to
/// the pool instead, so a call makes two hops rather than one.
/// </remarks>
internal sealed class ThreadPoolHop(bool underContext) : IThreadPoolWorkItem
{
    static readonly SynchronizationContext s_turnLike = new TurnLikeContext();

    TaskCompletionSource? _completion;

    public bool UnderContext { get; } = underContext;

    public Task RoundTripAsync()
    {
        _completion = new TaskCompletionSource();
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        return _completion.Task;
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = SynchronizationContext.Current;
        if (UnderContext)
            SynchronizationContext.SetSynchronizationContext(s_turnLike);
        try
        {
            _completion!.SetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    sealed class TurnLikeContext : SynchronizationContext;
}
