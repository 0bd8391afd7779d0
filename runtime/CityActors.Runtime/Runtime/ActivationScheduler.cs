namespace CityActors.Runtime;

/// <summary>The scheduler half of an activation: a queue of work drained one item at a time on the thread pool.</summary>
internal sealed partial class ActivationData
{
    /// <summary>The activation whose turn is running on this thread, if any.</summary>
    public static new ActivationData? Current => SynchronizationContext.Current as ActivationData;

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            (_work ??= new Queue<(SendOrPostCallback, object?)>(4)).Enqueue((d, state));
            schedule = !_scheduled;
            _scheduled = true;
        }
        if (schedule)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("Grain code cannot block on its own activation; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = SynchronizationContext.Current;
        SetSynchronizationContext(this);
        try
        {
            for (var turn = 0; turn < TurnsPerQuantum; turn++)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_lock)
                {
                    if (_work is null || !_work.TryDequeue(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception exception)
                {
                    // Allowing an exception to escape here would crash the process.
                    RuntimeLog.TurnFailed(Catalog.Logger, exception, GrainId);
                }
            }
            // Leave the thread to other activations; the rest of the queue runs in the next quantum.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
