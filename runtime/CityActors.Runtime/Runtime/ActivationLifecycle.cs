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
            Left();
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

    /// <summary>Deactivates the activation once its running calls complete: used when the silo stops.</summary>
    /// <returns>A task that completes when the activation has left the catalog.</returns>
    public Task StopAsync(DeactivationReason reason)
    {
        Task left;
        lock (_lock)
        {
            left = _left ? Task.CompletedTask : (_whenLeft ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            if (_state is ActivationState.Invalid or ActivationState.Deactivating)
                return left;
            if (_state is ActivationState.Created or ActivationState.Activating || _running is { Count: > 0 })
            {
                // It deactivates when its last running call completes, for the reason of the stop.
                _deactivateOnIdle = true;
                _idleReason = reason;
                return left;
            }
            _state = ActivationState.Deactivating;
        }
        Post(static s =>
        {
            var (activation, why) = ((ActivationData, DeactivationReason))s!;
            _ = activation.DeactivateAsync(why);
        }, (this, reason));
        return left;
    }

    /// <summary>The activation is out of the catalog: whoever waits in <see cref="StopAsync"/> may go on.</summary>
    void Left()
    {
        TaskCompletionSource? whenLeft;
        lock (_lock)
        {
            _left = true;
            whenLeft = _whenLeft;
        }
        whenLeft?.TrySetResult();
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
        Left();
        Catalog.Telemetry.ActivationRemoved(Class.GrainType);
        foreach (var request in leftovers)
            Catalog.Route(request);
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

    /// <summary>Abandons the activation without deactivating it, as a process kill would; callers get <paramref name="reason"/>.</summary>
    public void Abandon(Exception reason)
    {
        List<Request> pending;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            pending = [.. _waiting ?? [], .. _running ?? []];
            _waiting = null;
        }
        DisposeTimers();
        Left();
        foreach (var request in pending)
            request.TryFail(reason);
    }
}
