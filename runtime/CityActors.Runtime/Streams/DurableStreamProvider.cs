using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Streams;

/// <summary>The stream provider over the silo's journal: items are durable before anyone sees them.</summary>
internal sealed class DurableStreamProvider(string name, StreamRuntime runtime) : IStreamProvider
{
    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new DurableStream<T>(streamId, runtime);
}

internal sealed class DurableStream<T>(StreamId streamId, StreamRuntime runtime) : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public Task OnNextAsync(T item) => OnNextBatchAsync([item]);

    public async Task OnNextBatchAsync(IEnumerable<T> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var serializer = runtime.Storage.Serializer;
        var now = GrainStorage.StorageTime(runtime.Catalog.Time.GetUtcNow());
        var events = batch.Select(item =>
        {
            var type = item!.GetType();
            return new StoredEvent(0, null, 0, now, StreamId.Namespace, StreamId.Key, serializer.TypeName(type), serializer.Serialize(item, type)) { Item = item };
        }).ToList();
        if (events.Count > 0)
            await runtime.Storage.CommitAsync(new AppendEventsOperation(null, 0, events));
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new ExplicitSubscription<T>(observer, runtime, ActivationData.Current?.GrainId);
        var registration = runtime.SubscribeExplicit(StreamId, subscription);
        return Task.FromResult<StreamSubscriptionHandle<T>>(new Handle(StreamId, registration));
    }

    sealed class Handle(StreamId streamId, IDisposable registration) : StreamSubscriptionHandle<T>
    {
        public override StreamId StreamId { get; } = streamId;

        public override Task UnsubscribeAsync()
        {
            registration.Dispose();
            return Task.CompletedTask;
        }
    }
}

/// <summary>A live subscription of one observer to one stream.</summary>
internal abstract class ExplicitSubscription
{
    public abstract void Deliver(IReadOnlyList<StoredEvent> items);
}

/// <summary>Delivers in order; a subscription made inside a grain is delivered as turns of that grain.</summary>
internal sealed class ExplicitSubscription<T>(IAsyncObserver<T> observer, StreamRuntime runtime, GrainId? subscriberGrain) : ExplicitSubscription
{
    readonly SerialQueue _queue = new();

    public override void Deliver(IReadOnlyList<StoredEvent> items)
    {
        var serializer = runtime.Storage.Serializer;
        _queue.Enqueue(async () =>
        {
            foreach (var stored in items)
            {
                if ((stored.Item ?? serializer.Deserialize(stored.Payload, stored.EventType)) is not T item)
                    continue;
                var token = new StreamSequenceToken(stored.Position);
                try
                {
                    if (subscriberGrain is { } grain)
                        await runtime.Catalog.RunOnGrainAsync(grain, _ => observer.OnNextAsync(item, token), interleave: false);
                    else
                        await observer.OnNextAsync(item, token);
                }
                catch (Exception exception)
                {
                    RuntimeLog.ObserverFailed(runtime.Catalog.Logger, exception, $"stream {stored.StreamNamespace}/{stored.StreamKey}");
                }
            }
        });
    }
}
