using System.Collections.Concurrent;
using System.Reflection;
using CityActors.Runtime.Diagnostics;
using CityActors.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Runtime;

/// <summary>The silo's activations: finds or creates the one activation of a grain and routes calls to it.</summary>
internal sealed class Catalog : IAsyncDisposable
{
    readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    readonly ITimer _timeoutSweeper;
    readonly ITimer _collector;
    volatile Exception? _stopped;
    volatile Exception? _refusing;

    public Catalog(
        IServiceProvider services,
        GrainTypeRegistry registry,
        TimeProvider time,
        SiloMessagingOptions messagingOptions,
        GrainCollectionOptions collectionOptions,
        IEnumerable<IIncomingGrainCallFilter> incomingFilters,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        RuntimeTelemetry telemetry,
        ILogger<Catalog> logger)
    {
        Services = services;
        Registry = registry;
        Time = time;
        MessagingOptions = messagingOptions;
        CollectionOptions = collectionOptions;
        IncomingFilters = [.. incomingFilters];
        OutgoingFilters = [.. outgoingFilters];
        Telemetry = telemetry;
        Logger = logger;
        GrainFactory = new GrainFactory(this);
        var sweep = TimeSpan.FromTicks(Math.Clamp(messagingOptions.ResponseTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _timeoutSweeper = time.CreateTimer(static s => ((Catalog)s!).SweepTimeouts(), this, sweep, sweep);
        _collector = time.CreateTimer(static s => ((Catalog)s!).CollectIdle(), this, collectionOptions.CollectionQuantum, collectionOptions.CollectionQuantum);
    }

    public IServiceProvider Services { get; }
    public GrainTypeRegistry Registry { get; }
    public TimeProvider Time { get; }
    public SiloMessagingOptions MessagingOptions { get; }
    public GrainCollectionOptions CollectionOptions { get; }
    public IIncomingGrainCallFilter[] IncomingFilters { get; }
    public IOutgoingGrainCallFilter[] OutgoingFilters { get; }
    public RuntimeTelemetry Telemetry { get; }
    public ILogger Logger { get; }
    public IGrainFactory GrainFactory { get; }

    public int ActivationCount => _activations.Count;

    /// <summary>Activations per grain type, for the management surface.</summary>
    public Dictionary<string, int> CountActivationsByType()
        => _activations.Values.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Called by a grain reference: turns a method call into a request and returns its task.</summary>
    public object InvokeFromProxy(GrainId target, MethodInfo method, object?[] arguments)
    {
        var descriptor = Registry.GetMethod(method);
        if (OutgoingFilters.Length > 0)
            return descriptor.ToReturnValue(GrainCallContext.InvokeOutgoingAsync(OutgoingFilters, target, descriptor, arguments, (t, a) => SendAsync(descriptor, t, a)));
        var request = descriptor.CreateRequest(target, arguments, CallFrame.Current, Deadline());
        Route(request);
        return descriptor.ToReturnValue(request);
    }

    async Task<object?> SendAsync(MethodDescriptor descriptor, GrainId target, object?[] arguments)
    {
        var request = descriptor.CreateRequest(target, arguments, CallFrame.Current, Deadline());
        Route(request);
        await request.Completion;
        return request.BoxedResult;
    }

    /// <summary>Runs a runtime call (reminder, stream delivery) as a turn of the grain, activating it if needed.</summary>
    /// <remarks>
    /// The turn starts a call chain of its own. The code that scheduled it may have run inside a grain call
    /// (a timer carries its creator's context), but nothing waits for it there: taking that call as its caller
    /// would make a grain's reminder or its own stream look like a call cycle.
    /// </remarks>
    public Task RunOnGrainAsync(GrainId target, Func<Grain, Task> work, bool interleave)
    {
        var request = new Request<object?>(target, null, (g, _) => AsObjectTask(work((Grain)g)), [], caller: null, interleave, readOnly: false, Deadline());
        Route(request);
        return request.Completion;
    }

    static async Task<object?> AsObjectTask(Task task)
    {
        await task;
        return null;
    }

    long Deadline() => Time.GetUtcNow().UtcTicks + MessagingOptions.ResponseTimeout.Ticks;

    /// <summary>Delivers a request to the grain's activation, creating it on first use.</summary>
    /// <param name="request">The call.</param>
    /// <param name="accepted">
    /// The call was taken before (it waited on an activation that went away), so a stopping silo still runs it.
    /// </param>
    public void Route(Request request, bool accepted = false)
    {
        // While the silo stops, a grain call from outside (no grain waits on it) is refused; the calls grains make,
        // timer ticks and stream deliveries finish the work already accepted.
        if (!accepted && _refusing is { } refusing && request.Caller is null && request.Method is not null)
        {
            request.TryFail(refusing);
            return;
        }
        while (true)
        {
            if (_stopped is { } stopped)
            {
                request.TryFail(stopped);
                return;
            }
            if (!_activations.TryGetValue(request.Target, out var activation))
            {
                GrainClassInfo info;
                try
                {
                    info = Registry.GetByGrainType(request.Target.Type);
                }
                catch (ArgumentException exception)
                {
                    request.TryFail(exception);
                    return;
                }
                // Under a race two candidates may be built, but only the one added is ever used.
                activation = _activations.GetOrAdd(request.Target, static (id, state) => new ActivationData(state.Catalog, id, state.Info), (Catalog: this, Info: info));
            }
            if (activation.Enqueue(request))
                return;
            // The activation went away between lookup and enqueue; remove it if still present and retry.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(request.Target, activation));
        }
    }

    public void Remove(ActivationData activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    void SweepTimeouts()
    {
        var now = Time.GetUtcNow().UtcTicks;
        foreach (var activation in _activations.Values)
            activation.FailExpired(now, MessagingOptions.ResponseTimeout);
    }

    /// <summary>Deactivates activations idle longer than their collection age.</summary>
    public int CollectIdle()
    {
        var now = Time.GetUtcNow().UtcTicks;
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            var age = AgeLimit(activation.Class);
            if (age == Timeout.InfiniteTimeSpan || now - activation.LastUsedTicks < age.Ticks || now < activation.KeepAliveUntilTicks)
                continue;
            if (activation.IsIdle && activation.TryBeginDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle for {age}")))
                collected++;
        }
        return collected;
    }

    TimeSpan AgeLimit(GrainClassInfo info)
    {
        if (CollectionOptions.ClassSpecificCollectionAge.TryGetValue(info.GrainType, out var byType)
            || CollectionOptions.ClassSpecificCollectionAge.TryGetValue(info.ClrType.Name, out byType))
            return byType;
        return info.CollectionAge ?? CollectionOptions.CollectionAge;
    }

    /// <summary>
    /// A graceful stop: refuses calls from outside, runs every call already accepted (running or queued) and the calls,
    /// stream deliveries and timer ticks they cause, deactivating each activation once it has nothing left to do.
    /// </summary>
    /// <param name="drainStreams">Completes when every stream item committed so far is delivered.</param>
    /// <param name="cancellationToken">Ends the wait; what is still running is then left to <see cref="AbandonAll"/>.</param>
    public async Task DeactivateAllAsync(Func<Task> drainStreams, CancellationToken cancellationToken)
    {
        _refusing ??= new SiloUnavailableException("The silo is stopping and takes no new calls.");
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping");
        while (true)
        {
            await drainStreams().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_activations.IsEmpty)
                break;
            // An activation with calls running or queued is left for a later round; an idle one deactivates now.
            await Task.WhenAll(_activations.Values.Select(a => a.StopAsync(reason))).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!_activations.IsEmpty)
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
        _stopped = new SiloUnavailableException("The silo is stopped.");
    }

    /// <summary>Ends a stop that ran out of time: every call still running or queued fails for its caller; returns how many.</summary>
    /// <remarks>The grain code of a running call may go on, but nobody waits for it and nothing new reaches the grains.</remarks>
    public int AbandonAll(Exception reason)
    {
        _stopped = reason;
        var abandoned = 0;
        foreach (var activation in _activations.Values)
            abandoned += activation.Abandon(reason);
        _activations.Clear();
        return abandoned;
    }

    /// <summary>Drops every activation without deactivating it, as a crash would.</summary>
    public void Kill()
    {
        var killed = new SiloUnavailableException("The silo was killed.");
        _stopped = killed;
        foreach (var activation in _activations.Values)
            activation.Abandon(killed);
        _activations.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _timeoutSweeper.DisposeAsync();
        await _collector.DisposeAsync();
    }
}
