using System.Reflection;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Streams;

/// <summary>Delivers one stream's items to one implicitly subscribed grain, in order, one batch at a time.</summary>
/// <remarks>A batch that fails is delivered again after a pause, for as long as it takes: nothing is skipped.</remarks>
internal sealed class ConsumerAgent(StreamRuntime streams, GrainId consumer, StreamId stream, Func<Grain, IReadOnlyList<StoredEvent>, StorageSerializer, Task> deliver)
{
    const int MaxBatch = 4096;

    readonly Lock _lock = new();
    readonly List<StoredEvent> _queue = [];
    long _lastQueued;
    long _delivered;
    bool _running;
    TaskCompletionSource? _idle;

    public GrainId Consumer => consumer;
    public StreamId Stream => stream;

    /// <summary>The position up to which every item queued here has been delivered.</summary>
    public long Delivered
    {
        get
        {
            lock (_lock)
                return _delivered;
        }
    }

    /// <summary>Position of the oldest item not yet delivered; null when none waits.</summary>
    public long? OldestPending
    {
        get
        {
            lock (_lock)
                return _queue.Count == 0 ? null : _queue[0].Position;
        }
    }

    /// <summary>Queues items in position order; items at or before the last queued position are duplicates and dropped.</summary>
    public void Enqueue(IEnumerable<StoredEvent> items)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                if (item.Position <= _lastQueued)
                    continue;
                _queue.Add(item);
                _lastQueued = item.Position;
            }
            if (_running || _queue.Count == 0)
                return;
            _running = true;
        }
        _ = Task.Run(DeliverAsync);
    }

    /// <summary>Completes when nothing waits to be delivered.</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            if (!_running && _queue.Count == 0)
                return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    async Task DeliverAsync()
    {
        var failures = 0;
        while (true)
        {
            List<StoredEvent> batch;
            lock (_lock)
            {
                if (_queue.Count == 0 || streams.Stopped)
                {
                    _running = false;
                    _idle?.TrySetResult();
                    _idle = null;
                    return;
                }
                batch = _queue.GetRange(0, Math.Min(MaxBatch, _queue.Count));
            }
            try
            {
                await streams.Catalog.RunOnGrainAsync(consumer, g => deliver(g, batch, streams.Storage.Serializer), interleave: false);
                failures = 0;
            }
            catch (SiloUnavailableException)
            {
                // The silo is going down: what is left stays queued and, after the cursor, is replayed at the next start.
                lock (_lock)
                {
                    _running = false;
                    _idle?.TrySetResult();
                    _idle = null;
                }
                return;
            }
            catch (Exception exception)
            {
                if (streams.Stopped)
                    continue;
                RuntimeLog.StreamDeliveryFailed(streams.Catalog.Logger, exception, stream.Namespace, stream.Key, consumer);
                failures++;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(failures, 10)))), streams.Catalog.Time, streams.Stopping);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the loop ends at its top.
                }
                continue;
            }
            lock (_lock)
            {
                _queue.RemoveRange(0, batch.Count);
                _delivered = batch[^1].Position;
            }
            streams.Catalog.Telemetry.StreamItemsDelivered(stream.Namespace, batch.Count);
        }
    }

    /// <summary>Builds the typed delivery for a consumer class that observes items of <paramref name="itemType"/>.</summary>
    public static Func<Grain, IReadOnlyList<StoredEvent>, StorageSerializer, Task> CreateDelivery(Type itemType)
    {
        var method = typeof(ConsumerAgent).GetMethod(nameof(DeliverTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(itemType);
        return method.CreateDelegate<Func<Grain, IReadOnlyList<StoredEvent>, StorageSerializer, Task>>();
    }

    static Task DeliverTyped<T>(Grain grain, IReadOnlyList<StoredEvent> events, StorageSerializer serializer)
    {
        var items = new List<SequentialItem<T>>(events.Count);
        foreach (var stored in events)
        {
            if ((stored.Item ?? serializer.Deserialize(stored.Payload, stored.EventType)) is T item)
                items.Add(new SequentialItem<T>(item, new StreamSequenceToken(stored.Position)));
        }
        return items.Count == 0 ? Task.CompletedTask : ((IAsyncBatchObserver<T>)grain).OnNextAsync(items);
    }
}
