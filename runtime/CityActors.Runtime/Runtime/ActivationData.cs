using CityActors.Runtime.Storage;
using CityActors.Runtime.Timers;

namespace CityActors.Runtime;

/// <summary>The single activation of one grain: its instance, its queue of calls and its turn-based scheduler.</summary>
/// <remarks>
/// The activation is its own <see cref="SynchronizationContext"/>: every continuation of grain code is posted
/// back to it and runs one at a time, so grain code never runs on two threads at once, reentrant or not.
/// Which call may start is decided under <see cref="_lock"/>: one call at a time unless the class is
/// [Reentrant], the method [AlwaysInterleave], or both the running and the new call are [ReadOnly].
/// </remarks>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem
{
    [ThreadStatic]
    static ActivationData? t_underConstruction;

    const int TurnsPerQuantum = 64;

    readonly Lock _lock = new();
    Queue<(SendOrPostCallback Callback, object? State)>? _work;
    bool _scheduled;

    Queue<Request>? _waiting;
    List<Request>? _running;
    ActivationState _state;
    bool _deactivateOnIdle;
    long _keepAliveUntilTicks;
    List<GrainTimer>? _timers;
    List<IPersistentStateLoader>? _states;

    public ActivationData(Catalog catalog, GrainId grainId, GrainClassInfo grainClass)
    {
        Catalog = catalog;
        GrainId = grainId;
        Class = grainClass;
        LastUsedTicks = catalog.Time.GetUtcNow().UtcTicks;
    }

    /// <summary>The activation whose grain constructor is running on this thread.</summary>
    internal static ActivationData? UnderConstruction
    {
        get => t_underConstruction;
        set => t_underConstruction = value;
    }

    public Catalog Catalog { get; }
    public GrainId GrainId { get; }
    public GrainClassInfo Class { get; }
    public Grain? Instance { get; private set; }

    /// <summary>UTC ticks of the end of the last call; idle collection reads it.</summary>
    public long LastUsedTicks { get; private set; }

    public bool IsIdle
    {
        get
        {
            lock (_lock)
                return _state == ActivationState.Valid && (_running is null || _running.Count == 0) && (_waiting is null || _waiting.Count == 0);
        }
    }

    public long KeepAliveUntilTicks => Volatile.Read(ref _keepAliveUntilTicks);

    /// <summary>Queues a call. Returns false when this activation is gone and the call must be routed afresh.</summary>
    public bool Enqueue(Request request)
    {
        Exception? failure = null;
        var start = false;
        var activate = false;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
                return false;
            if (_running is { Count: > 0 } && FindCycle(request) is { } cycle)
            {
                failure = cycle;
            }
            else if (_state == ActivationState.Valid && (_waiting is null || _waiting.Count == 0 || request.AlwaysInterleave) && CanStart(request))
            {
                (_running ??= new List<Request>(1)).Add(request);
                start = true;
            }
            else
            {
                (_waiting ??= new Queue<Request>(2)).Enqueue(request);
                if (_state == ActivationState.Created)
                {
                    _state = ActivationState.Activating;
                    activate = true;
                }
            }
        }
        if (failure is not null)
            request.TryFail(failure);
        else if (start)
            Post(s_runRequest, request);
        else if (activate)
            Post(s_activate, this);
        return true;
    }

    bool CanStart(Request request)
    {
        if (_running is null || _running.Count == 0 || Class.Reentrant || request.AlwaysInterleave)
            return true;
        if (!request.ReadOnly)
            return false;
        foreach (var running in _running)
        {
            if (!running.ReadOnly)
                return false;
        }
        return true;
    }

    /// <summary>A call that waits on a call this activation is running can never start: name the cycle.</summary>
    DeadlockException? FindCycle(Request request)
    {
        if (request.Caller is null || CanStart(request))
            return null;
        foreach (var running in _running!)
        {
            if (request.Caller.Contains(running))
            {
                var chain = request.Caller.ToChain();
                chain.Add(GrainId);
                return new DeadlockException(
                    $"Call cycle between non-reentrant grains: {string.Join(" -> ", chain)}. {GrainId} is waiting for this call and cannot take it; mark the method [AlwaysInterleave] or the grain [Reentrant] if the cycle is intended.",
                    chain);
            }
        }
        return null;
    }

    // Posted work runs while this activation is the current synchronization context.
    static readonly SendOrPostCallback s_runRequest = static state => Current!.RunRequest((Request)state!);

    static readonly SendOrPostCallback s_activate = static state => _ = ((ActivationData)state!).ActivateAsync();

    void RunRequest(Request request) => _ = request.RunAsync(this);

    internal void OnRequestCompleted(Request request)
    {
        List<Request>? toStart;
        var deactivate = false;
        lock (_lock)
        {
            _running!.Remove(request);
            if (request.KeepAlive && request.CompletedTicks > LastUsedTicks)
                LastUsedTicks = request.CompletedTicks;
            if (_running.Count == 0 && _deactivateOnIdle && _state == ActivationState.Valid)
            {
                _state = ActivationState.Deactivating;
                deactivate = true;
                toStart = null;
            }
            else
            {
                toStart = TakeStartable();
            }
        }
        if (deactivate)
            _ = DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));
        StartAll(toStart);
    }

    /// <summary>Moves the calls that may start now from waiting to running, in order.</summary>
    List<Request>? TakeStartable()
    {
        if (_state != ActivationState.Valid || _waiting is null)
            return null;
        List<Request>? startable = null;
        while (_waiting.TryPeek(out var next) && CanStart(next))
        {
            _waiting.Dequeue();
            (_running ??= new List<Request>(1)).Add(next);
            (startable ??= []).Add(next);
        }
        return startable;
    }

    void StartAll(List<Request>? requests)
    {
        if (requests is null)
            return;
        foreach (var request in requests)
            Post(s_runRequest, request);
    }

    /// <summary>Fails, for their callers, the calls whose deadline has passed; the grain may go on running them.</summary>
    public void FailExpired(long nowTicks, TimeSpan timeout)
    {
        // Most activations of a big silo are idle: look without the lock first. A request that arrives meanwhile is
        // seen by the next sweep, long before it can expire.
        if (_running is not { Count: > 0 } && _waiting is not { Count: > 0 })
            return;
        List<Request>? expired = null;
        lock (_lock)
        {
            if (_running is not null)
            {
                foreach (var request in _running)
                {
                    if (request.Deadline < nowTicks)
                        (expired ??= []).Add(request);
                }
            }
            if (_waiting is not null)
            {
                foreach (var request in _waiting)
                {
                    if (request.Deadline < nowTicks)
                        (expired ??= []).Add(request);
                }
            }
        }
        if (expired is null)
            return;
        foreach (var request in expired)
        {
            if (request.TryFail(new TimeoutException($"Response did not arrive on time in {timeout} for {request.Name} on {GrainId}.")))
                RuntimeLog.CallTimedOut(Catalog.Logger, request.Name, GrainId, timeout);
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
            (_timers ??= []).Add(timer);
        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
            _timers?.Remove(timer);
    }

    void DisposeTimers()
    {
        List<GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }
        timers?.ForEach(t => t.Stop());
    }

    /// <summary>Adds state that must be loaded before <c>OnActivateAsync</c>; called from grain constructors.</summary>
    internal void AddStateLoader(IPersistentStateLoader loader) => _states!.Add(loader);

    /// <summary>Used by a conflicting persistent state: the activation must not go on with what it read.</summary>
    internal void DeactivateAfterConflict()
    {
        lock (_lock)
            _deactivateOnIdle = true;
    }

    public override string ToString() => $"[Activation {GrainId}]";

    enum ActivationState { Created, Activating, Valid, Deactivating, Invalid }
}
