using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityActors.Runtime.Diagnostics;

/// <summary>The runtime's traces and metrics, and the running figures the management surface reads.</summary>
/// <remarks>
/// Export with OpenTelemetry by adding the source and meter named <see cref="Name"/>. Nothing here costs more
/// than a counter increment while no listener is attached.
/// </remarks>
public sealed class RuntimeTelemetry : IDisposable
{
    public const string Name = "CityActors.Runtime";

    readonly ActivitySource _source = new(Name);
    readonly Meter _meter = new(Name);
    readonly Counter<long> _calls;
    readonly Counter<long> _callFailures;
    readonly Histogram<double> _callDuration;
    readonly UpDownCounter<long> _activations;
    readonly Histogram<double> _storageBatchDuration;
    readonly Histogram<long> _storageBatchSize;
    readonly Counter<long> _streamItemsDelivered;
    readonly StripedCounter _totalCalls = new();
    long _storageBatches;
    long _storageOperations;
    double _lastStorageBatchMilliseconds;

    public RuntimeTelemetry()
    {
        _calls = _meter.CreateCounter<long>("cityactors.grain.calls", "{call}", "Grain calls completed");
        _callFailures = _meter.CreateCounter<long>("cityactors.grain.call.failures", "{call}", "Grain calls that ended in an exception");
        _callDuration = _meter.CreateHistogram<double>("cityactors.grain.call.duration", "s", "Time from a call's start on the grain to its completion");
        _activations = _meter.CreateUpDownCounter<long>("cityactors.grain.activations", "{activation}", "Live activations");
        _storageBatchDuration = _meter.CreateHistogram<double>("cityactors.storage.batch.duration", "s", "Time to commit one group-committed batch");
        _storageBatchSize = _meter.CreateHistogram<long>("cityactors.storage.batch.size", "{operation}", "Operations in one committed batch");
        _streamItemsDelivered = _meter.CreateCounter<long>("cityactors.stream.items.delivered", "{item}", "Stream items delivered to consumers");
    }

    /// <summary>Every grain call completed since start.</summary>
    public long TotalCalls => _totalCalls.Sum();

    public long StorageBatches => Interlocked.Read(ref _storageBatches);

    public long StorageOperations => Interlocked.Read(ref _storageOperations);

    /// <summary>How long the last storage batch took to commit.</summary>
    public double LastStorageBatchMilliseconds => Volatile.Read(ref _lastStorageBatchMilliseconds);

    internal CallScope StartCall(Request request)
    {
        var activity = _source.HasListeners()
            ? _source.StartActivity(request.Name, ActivityKind.Server, request.ParentActivity)
            : null;
        activity?.SetTag("rpc.system", "cityactors");
        activity?.SetTag("rpc.method", request.Name);
        activity?.SetTag("cityactors.grain.id", request.Target.ToString());
        return new CallScope(activity, _callDuration.Enabled ? Stopwatch.GetTimestamp() : 0);
    }

    internal void EndCall(Request request, CallScope scope, Exception? exception)
    {
        _totalCalls.Increment();
        if (_calls.Enabled)
            _calls.Add(1, new KeyValuePair<string, object?>("cityactors.grain.type", request.Target.Type), new KeyValuePair<string, object?>("rpc.method", request.Name));
        if (exception is not null)
        {
            _callFailures.Add(1, new KeyValuePair<string, object?>("cityactors.grain.type", request.Target.Type));
            scope.Activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }
        if (scope.Started != 0)
            _callDuration.Record(Stopwatch.GetElapsedTime(scope.Started).TotalSeconds, new KeyValuePair<string, object?>("cityactors.grain.type", request.Target.Type));
        scope.Activity?.Dispose();
    }

    /// <summary>Publishes how far the furthest-behind stream consumer is, read when metrics are collected.</summary>
    internal void ObserveStreamLag(Func<long> lag)
        => _meter.CreateObservableGauge("cityactors.stream.lag", lag, "{item}", "Stream items the furthest-behind consumer has yet to receive");

    internal void ActivationCreated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("cityactors.grain.type", grainType));

    internal void ActivationRemoved(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("cityactors.grain.type", grainType));

    /// <summary>Starts a span for one grain's write, from submission until it is durable, if anyone listens.</summary>
    internal Activity? StartStorageWrite(string backend, Storage.StorageOperation operation)
    {
        var activity = _source.HasListeners() ? _source.StartActivity("storage write", ActivityKind.Client) : null;
        activity?.SetTag("db.system.name", backend);
        activity?.SetTag("db.operation.name", operation.GetType().Name);
        return activity;
    }

    /// <summary>Starts a span for a storage batch if anyone listens.</summary>
    internal Activity? StartStorageBatch(string backend, int operations)
    {
        var activity = _source.HasListeners() ? _source.StartActivity("storage commit", ActivityKind.Client) : null;
        activity?.SetTag("db.system.name", backend);
        activity?.SetTag("db.operation.batch.size", operations);
        return activity;
    }

    internal void StorageBatchCommitted(string backend, int operations, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _storageBatches);
        Interlocked.Add(ref _storageOperations, operations);
        Volatile.Write(ref _lastStorageBatchMilliseconds, elapsed.TotalMilliseconds);
        var tag = new KeyValuePair<string, object?>("db.system.name", backend);
        _storageBatchDuration.Record(elapsed.TotalSeconds, tag);
        _storageBatchSize.Record(operations, tag);
    }

    internal void StreamItemsDelivered(string streamNamespace, int count)
        => _streamItemsDelivered.Add(count, new KeyValuePair<string, object?>("cityactors.stream.namespace", streamNamespace));

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}

internal readonly record struct CallScope(Activity? Activity, long Started);
