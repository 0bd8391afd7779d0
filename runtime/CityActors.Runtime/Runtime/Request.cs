using System.Diagnostics;

namespace CityActors.Runtime;

/// <summary>One call waiting for or running on an activation: a grain method, a timer tick, a reminder, a stream delivery.</summary>
internal abstract class Request(GrainId target, MethodDescriptor? method, object?[] arguments, CallFrame? caller, bool alwaysInterleave, bool readOnly, long deadline)
    : CallFrame(target, caller)
{
    public GrainId Target => Grain;
    public MethodDescriptor? Method { get; } = method;
    public object?[] Arguments { get; } = arguments;
    public bool AlwaysInterleave { get; } = alwaysInterleave;
    public bool ReadOnly { get; } = readOnly;

    /// <summary>UTC ticks after which the caller is told the call timed out; long.MaxValue for none.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>The trace the caller was in, so the grain's span joins it.</summary>
    public ActivityContext ParentActivity { get; } = Activity.Current?.Context ?? default;

    public string Name => Method?.Name ?? "(runtime)";

    /// <summary>Whether finishing the call counts as use of the activation (timer ticks may not).</summary>
    public bool KeepAlive { get; init; } = true;

    public abstract Task Completion { get; }

    /// <summary>UTC ticks when the call finished on the grain, taken before the caller is answered.</summary>
    public long CompletedTicks { get; protected set; }

    /// <summary>The result of a completed call, boxed.</summary>
    public abstract object? BoxedResult { get; }

    /// <summary>Runs the call on the activation's grain, frees the activation, then completes <see cref="Completion"/>.</summary>
    public abstract Task RunAsync(ActivationData activation);

    /// <summary>Fails the call for its caller (timeout, deadlock, failed activation); the grain may still be running it.</summary>
    public abstract bool TryFail(Exception exception);
}

/// <summary>A call whose result is a <typeparamref name="T"/> (object for calls that return no value).</summary>
internal sealed class Request<T>(
    GrainId target,
    MethodDescriptor? method,
    Func<object, object?[], Task<T>> invoke,
    object?[] arguments,
    CallFrame? caller,
    bool alwaysInterleave,
    bool readOnly,
    long deadline)
    : Request(target, method, arguments, caller, alwaysInterleave, readOnly, deadline)
{
    readonly TaskCompletionSource<T> _completion = new();

    public override Task Completion => _completion.Task;

    public Task<T> Task => _completion.Task;

    public override object? BoxedResult => _completion.Task.Result;

    public override async Task RunAsync(ActivationData activation)
    {
        var catalog = activation.Catalog;
        var grain = activation.Instance!;
        Current = this;
        var started = catalog.Telemetry.StartCall(this);
        T result = default!;
        Exception? failure = null;
        try
        {
            result = catalog.IncomingFilters.Length == 0 || Method is null
                ? await invoke(grain, Arguments)
                : (T)(await GrainCallContext.InvokeIncomingAsync(catalog.IncomingFilters, grain, this, (g, a) => BoxAsync(invoke(g, a))))!;
        }
        catch (Exception exception)
        {
            failure = exception;
            grain.OnCallFailed();
        }
        catalog.Telemetry.EndCall(this, started, failure);
        CompletedTicks = catalog.Time.GetUtcNow().UtcTicks;
        // The activation is free before the caller hears back, so whatever the caller does next sees it idle.
        activation.OnRequestCompleted(this);
        if (failure is null)
            _completion.TrySetResult(result);
        else
            _completion.TrySetException(failure);
    }

    static async Task<object?> BoxAsync(Task<T> task) => await task;

    public override bool TryFail(Exception exception) => _completion.TrySetException(exception);
}
