namespace CityActors.Runtime.Streams;

/// <summary>Identifies a stream: a namespace (such as <c>city-events</c>) and a key within it.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key) => new(streamNamespace, key);

    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>Where an item stands in its stream: its position in the durable journal.</summary>
public sealed record StreamSequenceToken(long SequenceNumber) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken? other) => other is null ? 1 : SequenceNumber.CompareTo(other.SequenceNumber);

    public bool Newer(StreamSequenceToken? other) => other is null || SequenceNumber > other.SequenceNumber;
}

/// <summary>A stream item with its sequence token.</summary>
public readonly record struct SequentialItem<T>(T Item, StreamSequenceToken Token);

/// <summary>Receives stream items one at a time.</summary>
public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnCompletedAsync() => Task.CompletedTask;

    Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>Receives stream items in batches; implicit subscribers implement it.</summary>
/// <remarks>
/// Delivery is at least once and in order: after a crash, items after the last stored cursor are delivered
/// again, so a consumer keeps the token of the last item it has counted (with its own state) and skips older ones.
/// </remarks>
public interface IAsyncBatchObserver<T>
{
    Task OnNextAsync(IList<SequentialItem<T>> items);
}

/// <summary>A stream: publish items, subscribe observers.</summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    /// <summary>Publishes an item; returns once it is durable.</summary>
    Task OnNextAsync(T item);

    /// <summary>Publishes items in one durable write.</summary>
    Task OnNextBatchAsync(IEnumerable<T> batch);

    /// <summary>Subscribes an observer to items published from now on (a live, in-memory subscription).</summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);
}

/// <summary>A live subscription; unsubscribe to stop receiving.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract StreamId StreamId { get; }

    public abstract Task UnsubscribeAsync();
}

/// <summary>Gives out streams by id.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId streamId);
}

/// <summary>Subscribing with delegates, in the Orleans manner.</summary>
public static class AsyncStreamExtensions
{
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(this IAsyncStream<T> stream, Func<T, StreamSequenceToken?, Task> onNextAsync)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.SubscribeAsync(new DelegateObserver<T>(onNextAsync));
    }

    sealed class DelegateObserver<T>(Func<T, StreamSequenceToken?, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item, token);
    }
}
