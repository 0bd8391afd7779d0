namespace CityActors.Runtime.Timers;

/// <summary>When a grain timer first fires, how often it repeats and how its ticks are scheduled.</summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Whether ticks may interleave with calls; by default a tick waits for the running call, like any call.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as use, keeping the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}

/// <summary>A timer registered by a grain; dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Moves the next tick to <paramref name="dueTime"/> from now and sets the period after it.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>A timer whose ticks run as turns of their activation; it dies with the activation.</summary>
internal sealed class GrainTimer : IGrainTimer
{
    readonly ActivationData _activation;
    readonly Func<CancellationToken, Task> _callback;
    readonly bool _interleave;
    readonly bool _keepAlive;
    readonly ITimer _timer;
    readonly CancellationTokenSource _stopped = new();
    readonly Lock _lock = new();
    readonly TimeSpan _dueTime;
    TimeSpan _period;
    int _generation;
    int _tickGeneration;
    bool _ticking;
    bool _firedWhileTicking;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _callback = callback;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = activation.Catalog.Time.CreateTimer(static s => ((GrainTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start() => Schedule(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _period = period;
            _generation++;
        }
        Schedule(dueTime);
    }

    void Schedule(TimeSpan dueTime)
    {
        if (_stopped.IsCancellationRequested || dueTime == Timeout.InfiniteTimeSpan)
            return;
        _timer.Change(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, Timeout.InfiniteTimeSpan);
    }

    void Fire()
    {
        lock (_lock)
        {
            if (_stopped.IsCancellationRequested)
                return;
            if (_ticking)
            {
                // Moved by Change while a tick runs: tick again as soon as this one ends.
                _firedWhileTicking = true;
                return;
            }
            _ticking = true;
            _tickGeneration = _generation;
        }
        var request = new Request<object?>(_activation.GrainId, null, (_, _) => TickAsync(), [], null, _interleave, readOnly: false, long.MaxValue)
        {
            KeepAlive = _keepAlive,
        };
        if (!_activation.Enqueue(request))
        {
            Stop();
            return;
        }

    }

    async Task<object?> TickAsync()
    {
        try
        {
            await _callback(_stopped.Token);
        }
        catch (Exception exception)
        {
            // Allowing an exception to escape a timer would take the next ticks with it; log and go on.
            RuntimeLog.TimerFailed(_activation.Catalog.Logger, exception, _activation.GrainId);
        }
        // Re-armed inside the turn, so a call queued behind the tick already sees the next one scheduled.
        Ticked();
        return null;
    }

    void Ticked()
    {
        TimeSpan next;
        lock (_lock)
        {
            _ticking = false;
            if (_firedWhileTicking)
                next = TimeSpan.Zero;
            else if (_generation == _tickGeneration)
                next = _period;
            else
                return; // Change set the next tick already.
            _firedWhileTicking = false;
        }
        Schedule(next);
    }

    public void Stop()
    {
        if (_stopped.IsCancellationRequested)
            return;
        _stopped.Cancel();
        _timer.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }
}
