namespace CityActors.Runtime;

/// <summary>The lifecycle half of an activation: activating, deactivating, and being abandoned by a killed silo.</summary>
internal sealed partial class ActivationData
{
    async Task ActivateAsync()
    {
        try
        {
            _states = [];
            Instance = Class.Create(this, Catalog.Services, _states);
            foreach (var state in _states)
                await state.LoadAsync();
            using var timeout = new CancellationTokenSource(Catalog.CollectionOptions.ActivationTimeout, Catalog.Time);
            await Instance.OnActivateAsync(timeout.Token);
            Catalog.Telemetry.ActivationCreated(Class.GrainType);
            List<Request>? toStart;
            lock (_lock)
            {
                _state = ActivationState.Valid;
                toStart = TakeStartable();
            }
            StartAll(toStart);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(Catalog.Logger, exception, GrainId);
            var failed = Invalidate();
            Catalog.Remove(this);
            foreach (var request in failed)
                request.TryFail(exception);
        }
    }

    public void DeactivateOnIdle()
    {
        var deactivate = false;
        lock (_lock)
        {
            _deactivateOnIdle = true;
            if (_state == ActivationState.Valid && (_running is null || _running.Count == 0))
            {
                _state = ActivationState.Deactivating;
                deactivate = true;
            }
        }
        if (deactivate)
            Post(static s => _ = ((ActivationData)s!).DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called")), this);
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = timeSpan == Timeout.InfiniteTimeSpan ? long.MaxValue : Catalog.Time.GetUtcNow().UtcTicks + timeSpan.Ticks;
        Volatile.Write(ref _keepAliveUntilTicks, until);
    }

    /// <summary>Starts deactivation if the activation is idle; false if it is busy or already going.</summary>
    public bool TryBeginDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _running is { Count: > 0 } || _waiting is { Count: > 0 })
                return false;
            _state = ActivationState.Deactivating;
        }
        Post(static s =>
        {
            var (activation, why) = ((ActivationData, DeactivationReason))s!;
            _ = activation.DeactivateAsync(why);
        }, (this, reason));
        return true;
    }

    /// <summary>Deactivates the activation if no call runs or waits on it: used when the silo stops.</summary>
    /// <remarks>
    /// A busy activation is left as it is, so the calls queued behind the running one still run; the silo's stop comes
    /// back for it once it is idle.
    /// </remarks>
    public Task StopAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state is not ActivationState.Valid || _running is { Count: > 0 } || _waiting is { Count: > 0 })
                return Task.CompletedTask;
            _state = ActivationState.Deactivating;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(static s =>
        {
            var (activation, why, completion) = ((ActivationData, DeactivationReason, TaskCompletionSource))s!;
            activation.DeactivateAsync(why).ContinueWith(_ => completion.TrySetResult(), TaskScheduler.Default);
        }, (this, reason, done));
        return done.Task;
    }

    async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Catalog.CollectionOptions.DeactivationTimeout, Catalog.Time);
            await Instance!.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(Catalog.Logger, exception, GrainId);
        }
        var leftovers = Invalidate();
        Catalog.Remove(this);
        Catalog.Telemetry.ActivationRemoved(Class.GrainType);
        foreach (var request in leftovers)
            Catalog.Route(request, accepted: true);
    }

    /// <summary>Marks the activation gone and returns the calls that were waiting for it.</summary>
    List<Request> Invalidate()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            var waiting = _waiting is null ? [] : new List<Request>(_waiting);
            _waiting = null;
            return waiting;
        }
    }

    /// <summary>
    /// Abandons the activation without deactivating it, as a process kill or a stop out of time would; callers get
    /// <paramref name="reason"/>. Returns how many calls were running or waiting.
    /// </summary>
    public int Abandon(Exception reason)
    {
        List<Request> pending;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            pending = [.. _waiting ?? [], .. _running ?? []];
            _waiting = null;
        }
        DisposeTimers();
        foreach (var request in pending)
            request.TryFail(reason);
        return pending.Count;
    }
}
