using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Diagnostics;

/// <summary>The runtime's traces and metrics, and the running figures the management surface reads.</summary>
/// <remarks>
/// Export with OpenTelemetry by adding the source and meter named <see cref="Name"/>. Nothing here costs more
/// than a counter increment while no listener is attached. Names follow the OpenTelemetry semantic conventions: a grain
/// call is an RPC (<c>rpc.system</c> <see cref="RpcSystem"/>, <c>rpc.service</c> the grain interface, <c>rpc.method</c>
/// the method; span <c>{rpc.service}/{rpc.method}</c>; metric <c>rpc.server.duration</c> in milliseconds), storage is
/// a database client (<c>db.system.name</c>, <c>db.operation.name</c>, <c>db.collection.name</c>; span
/// <c>{db.operation.name} {db.collection.name}</c>; metric <c>db.client.operation.duration</c> in seconds). What the
/// conventions have no name for is under <c>cityactors.*</c>.
/// </remarks>
public sealed class RuntimeTelemetry : IDisposable
{
    public const string Name = "CityActors.Runtime";

    /// <summary>The <c>rpc.system</c> of grain calls.</summary>
    public const string RpcSystem = "cityactors";

    /// <summary>The <c>db.operation.name</c> of a group commit: every write of a batch in one transaction.</summary>
    public const string CommitBatchOperation = "commit batch";

    // Grain calls in process take microseconds, storage commits milliseconds: the SDK's default buckets would put
    // nearly all of them in the first one.
    static readonly double[] s_callMilliseconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];
    static readonly double[] s_commitSeconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    readonly ActivitySource _source = new(Name);
    readonly Meter _meter = new(Name);
    readonly ConcurrentDictionary<MethodInfo, RpcNames> _rpcNames = new();
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
        _callDuration = _meter.CreateHistogram("rpc.server.duration", "ms", "Time from a grain call's start on the grain to its completion",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_callMilliseconds });
        _activations = _meter.CreateUpDownCounter<long>("cityactors.grain.activations", "{activation}", "Live activations");
        _storageBatchDuration = _meter.CreateHistogram("db.client.operation.duration", "s", "Time to commit one group-committed batch",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_commitSeconds });
        _storageBatchSize = _meter.CreateHistogram<long>("cityactors.storage.batch.size", "{operation}", "Writes in one committed batch");
        _streamItemsDelivered = _meter.CreateCounter<long>("cityactors.stream.items.delivered", "{item}", "Stream items delivered to consumers");
    }

    /// <summary>Every grain call completed since start.</summary>
    public long TotalCalls => _totalCalls.Sum();

    public long StorageBatches => Interlocked.Read(ref _storageBatches);

    public long StorageOperations => Interlocked.Read(ref _storageOperations);

    /// <summary>How long the last storage batch took to commit.</summary>
    public double LastStorageBatchMilliseconds => Volatile.Read(ref _lastStorageBatchMilliseconds);

    /// <summary>
    /// The <c>db.system.name</c> of a storage backend: the conventions' <c>sqlite</c> and <c>postgresql</c>; the
    /// in-memory store of tests keeps its own name.
    /// </summary>
    public static string DbSystemName(string backend) => backend == "postgres" ? "postgresql" : backend;

    internal CallScope StartCall(Request request)
    {
        Activity? activity = null;
        if (_source.HasListeners())
        {
            if (request.Method is { } method)
            {
                var names = Names(method.InterfaceMethod);
                activity = _source.StartActivity(names.SpanName, ActivityKind.Server, request.ParentActivity);
                if (activity is not null)
                {
                    activity.SetTag("rpc.system", RpcSystem);
                    activity.SetTag("rpc.service", names.Service);
                    activity.SetTag("rpc.method", names.Method);
                }
            }
            else
            {
                // A timer tick, reminder or stream delivery: a turn of the grain, but no call anyone made.
                activity = _source.StartActivity($"turn {request.Target.Type}", ActivityKind.Internal, request.ParentActivity);
            }
            activity?.SetTag("cityactors.grain.type", request.Target.Type);
            activity?.SetTag("cityactors.grain.id", request.Target.ToString());
        }
        return new CallScope(activity, request.Method is not null && _callDuration.Enabled ? Stopwatch.GetTimestamp() : 0);
    }

    internal void EndCall(Request request, CallScope scope, Exception? exception)
    {
        _totalCalls.Increment();
        if (exception is not null)
        {
            scope.Activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            scope.Activity?.SetTag("error.type", exception.GetType().FullName);
        }
        if (scope.Started != 0 && request.Method is { } method)
        {
            var names = Names(method.InterfaceMethod);
            var tags = new TagList
            {
                { "rpc.system", RpcSystem },
                { "rpc.service", names.Service },
                { "rpc.method", names.Method },
            };
            if (exception is not null)
                tags.Add("error.type", exception.GetType().FullName);
            _callDuration.Record(Stopwatch.GetElapsedTime(scope.Started).TotalMilliseconds, tags);
        }
        scope.Activity?.Dispose();
    }

    RpcNames Names(MethodInfo method) => _rpcNames.GetOrAdd(method, static m =>
    {
        var service = ServiceName(m.DeclaringType!);
        return new RpcNames(service, m.Name, $"{service}/{m.Name}");
    });

    /// <summary>The interface's full name as C# writes it: <c>CityActors.Grains.Facilities.IFacilityGrain</c>, <c>Ns.IObserver&lt;Ns.Item&gt;</c>.</summary>
    static string ServiceName(Type type)
    {
        var name = (type.FullName ?? type.Name).Replace('+', '.');
        if (!type.IsGenericType)
            return name;
        var open = type.GetGenericTypeDefinition().FullName!.Replace('+', '.');
        return $"{open[..open.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(ServiceName))}>";
    }

    /// <summary>Publishes how far the furthest-behind stream consumer is, read when metrics are collected.</summary>
    internal void ObserveStreamLag(Func<long> lag)
        => _meter.CreateObservableGauge("cityactors.stream.lag", lag, "{item}", "Stream items the furthest-behind consumer has yet to receive");

    internal void ActivationCreated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("cityactors.grain.type", grainType));

    internal void ActivationRemoved(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("cityactors.grain.type", grainType));

    /// <summary>Starts a span for one grain's write, from submission until it is durable, if anyone listens.</summary>
    /// <remarks>
    /// The span is not left current: the caller goes on with its grain call, and what it does next (another write, a
    /// call) belongs under the call, not under this write.
    /// </remarks>
    internal Activity? StartStorageWrite(string backend, StorageOperation operation)
    {
        if (!_source.HasListeners())
            return null;
        var (name, table) = operation switch
        {
            WriteStateOperation => ("write", "grain_state"),
            ClearStateOperation => ("clear", "grain_state"),
            AppendEventsOperation => ("append", "events"),
            UpsertReminderOperation => ("upsert", "reminders"),
            DeleteReminderOperation => ("delete", "reminders"),
            UpsertCursorOperation => ("upsert", "stream_cursors"),
            _ => (operation.GetType().Name, "unknown"),
        };
        var current = Activity.Current;
        var activity = _source.StartActivity($"{name} {table}", ActivityKind.Client);
        Activity.Current = current;
        activity?.SetTag("db.system.name", DbSystemName(backend));
        activity?.SetTag("db.operation.name", name);
        activity?.SetTag("db.collection.name", table);
        return activity;
    }

    /// <summary>Starts a span for a storage batch if anyone listens.</summary>
    internal Activity? StartStorageBatch(string backend, int operations)
    {
        var activity = _source.HasListeners() ? _source.StartActivity(CommitBatchOperation, ActivityKind.Client) : null;
        activity?.SetTag("db.system.name", DbSystemName(backend));
        activity?.SetTag("db.operation.name", CommitBatchOperation);
        activity?.SetTag("db.operation.batch.size", operations);
        return activity;
    }

    internal void StorageBatchCommitted(string backend, int operations, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _storageBatches);
        Interlocked.Add(ref _storageOperations, operations);
        Volatile.Write(ref _lastStorageBatchMilliseconds, elapsed.TotalMilliseconds);
        var system = new KeyValuePair<string, object?>("db.system.name", DbSystemName(backend));
        _storageBatchDuration.Record(elapsed.TotalSeconds, system, new KeyValuePair<string, object?>("db.operation.name", CommitBatchOperation));
        _storageBatchSize.Record(operations, system);
    }

    internal void StreamItemsDelivered(string streamNamespace, int count)
        => _streamItemsDelivered.Add(count, new KeyValuePair<string, object?>("cityactors.stream.namespace", streamNamespace));

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }

    sealed record RpcNames(string Service, string Method, string SpanName);
}

internal readonly record struct CallScope(Activity? Activity, long Started);
