using System.Collections.Concurrent;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CityActors.Runtime.Streams;

/// <summary>Durable streams over the journal: live delivery after each commit, catch-up from cursors at start.</summary>
/// <remarks>
/// An implicit consumer class has one cursor per stream namespace, stored as the consumer id
/// <c>type/*</c> with stream key <c>*</c>: every item of the namespace at or before it has been delivered to
/// every grain of that class. At start, the runtime replays the journal after the cursor before the silo takes
/// calls; consumers skip items whose token they have already counted.
/// </remarks>
internal sealed class StreamRuntime : IAsyncDisposable
{
    const int CatchUpPage = 10_000;
    static readonly TimeSpan s_cursorInterval = TimeSpan.FromSeconds(1);

    readonly Dictionary<string, GrainClassInfo[]> _implicit;
    readonly Dictionary<string, Func<Grain, IReadOnlyList<StoredEvent>, StorageSerializer, Task>> _deliveries = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(GrainId Consumer, StreamId Stream), ConsumerAgent> _agents = new();
    readonly ConcurrentDictionary<StreamId, ExplicitSubscription[]> _explicit = new();
    readonly Dictionary<(string Type, string Namespace), long> _cursors = [];
    readonly Dictionary<(string Type, string Namespace), long> _dispatched = [];
    readonly Lock _lock = new();
    readonly ILogger _logger;
    List<StoredEvent>? _buffered;
    ITimer? _cursorTimer;

    public StreamRuntime(Catalog catalog, GrainStorage storage, ILogger<StreamRuntime> logger)
    {
        Catalog = catalog;
        Storage = storage;
        _logger = logger;
        _implicit = catalog.Registry.Classes
            .SelectMany(c => c.ImplicitSubscriptions.Select(ns => (Namespace: ns, Class: c)))
            .GroupBy(x => x.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Class).ToArray(), StringComparer.Ordinal);
        foreach (var info in _implicit.Values.SelectMany(c => c).Distinct())
            _deliveries[info.GrainType] = ConsumerAgent.CreateDelivery(info.BatchObserverItemType!);
        storage.Committer.EventsCommitted = OnCommitted;
    }

    public Catalog Catalog { get; }
    public GrainStorage Storage { get; }
    public bool Stopped { get; private set; }

    readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the silo stops or dies, to cut retry pauses short.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Replays what implicit consumers have not yet been delivered, and returns when they have it all.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var highWaterMark = Storage.HighWaterMark;
        lock (_lock)
            _buffered = [];
        foreach (var cursor in await Storage.Backend.ReadCursorsAsync(cancellationToken))
        {
            if (cursor.StreamKey == "*")
                _cursors[(cursor.Consumer.Type, cursor.StreamNamespace)] = cursor.Position;
        }
        foreach (var (streamNamespace, classes) in _implicit)
        {
            var from = classes.Min(c => _cursors.GetValueOrDefault((c.GrainType, streamNamespace)));
            var replayed = 0L;
            while (from < highWaterMark)
            {
                var page = await Storage.Backend.ReadStreamAsync(streamNamespace, from, highWaterMark, CatchUpPage, cancellationToken);
                if (page.Count == 0)
                    break;
                Dispatch(page, onlyAfterCursor: true);
                replayed += page.Count;
                from = page[^1].Position;
            }
            if (replayed > 0)
                StreamLog.CaughtUp(_logger, streamNamespace, replayed);
        }
        await Task.WhenAll(_agents.Values.Select(a => a.WhenIdleAsync()));
        List<StoredEvent> buffered;
        lock (_lock)
        {
            buffered = _buffered;
            _buffered = null;
        }
        if (buffered.Count > 0)
            Dispatch(buffered, onlyAfterCursor: false);
        _cursorTimer = Catalog.Time.CreateTimer(static s => _ = ((StreamRuntime)s!).SaveCursorsAsync(), this, s_cursorInterval, s_cursorInterval);
    }

    /// <summary>Called by the committer, in commit order, with the stream items a batch made durable.</summary>
    void OnCommitted(IReadOnlyList<StoredEvent> events)
    {
        lock (_lock)
        {
            if (_buffered is not null)
            {
                _buffered.AddRange(events);
                return;
            }
        }
        Dispatch(events, onlyAfterCursor: false);
    }

    void Dispatch(IReadOnlyList<StoredEvent> list, bool onlyAfterCursor)
    {
        var events = list as StoredEvent[] ?? [.. list];
        var start = 0;
        while (start < events.Length)
        {
            // Runs of items on the same stream go together.
            var first = events[start];
            var end = start + 1;
            while (end < events.Length && events[end].StreamNamespace == first.StreamNamespace && events[end].StreamKey == first.StreamKey)
                end++;
            var run = new ArraySegment<StoredEvent>(events, start, end - start);
            var streamId = new StreamId(first.StreamNamespace!, first.StreamKey!);
            DispatchImplicit(streamId, run, onlyAfterCursor);
            if (!onlyAfterCursor && _explicit.TryGetValue(streamId, out var subscriptions))
            {
                foreach (var subscription in subscriptions)
                    subscription.Deliver(run);
            }
            start = end;
        }
    }

    void DispatchImplicit(StreamId streamId, IReadOnlyList<StoredEvent> run, bool onlyAfterCursor)
    {
        if (!_implicit.TryGetValue(streamId.Namespace, out var classes))
            return;
        foreach (var info in classes)
        {
            IEnumerable<StoredEvent> items = run;
            if (onlyAfterCursor)
            {
                var cursor = _cursors.GetValueOrDefault((info.GrainType, streamId.Namespace));
                items = run.Where(e => e.Position > cursor);
            }
            var consumer = new GrainId(info.GrainType, streamId.Key);
            var agent = _agents.GetOrAdd((consumer, streamId), static (key, state) => new ConsumerAgent(state.Runtime, key.Consumer, key.Stream, state.Delivery),
                (Runtime: this, Delivery: _deliveries[info.GrainType]));
            agent.Enqueue(items);
            lock (_lock)
                _dispatched[(info.GrainType, streamId.Namespace)] = Math.Max(_dispatched.GetValueOrDefault((info.GrainType, streamId.Namespace)), run[^1].Position);
        }
    }

    /// <summary>Stores, per consumer class and namespace, the position up to which everything has been delivered.</summary>
    public async Task SaveCursorsAsync()
    {
        var updates = new List<StreamCursor>();
        lock (_lock)
        {
            foreach (var ((type, streamNamespace), dispatched) in _dispatched)
            {
                var safe = dispatched;
                foreach (var agent in _agents.Values)
                {
                    if (agent.Consumer.Type == type && agent.Stream.Namespace == streamNamespace && agent.OldestPending is { } oldest)
                        safe = Math.Min(safe, oldest - 1);
                }
                if (safe > _cursors.GetValueOrDefault((type, streamNamespace)))
                {
                    _cursors[(type, streamNamespace)] = safe;
                    updates.Add(new StreamCursor(new GrainId(type, "*"), streamNamespace, "*", safe));
                }
            }
        }
        try
        {
            await Task.WhenAll(updates.Select(c => Storage.CommitAsync(new UpsertCursorOperation(c))));
        }
        catch (Exception exception)
        {
            // A cursor that is not stored only means more items are delivered again after a restart.
            StreamLog.CursorSaveFailed(_logger, exception);
        }
    }

    public IDisposable SubscribeExplicit(StreamId streamId, ExplicitSubscription subscription)
    {
        _explicit.AddOrUpdate(streamId, [subscription], (_, existing) => [.. existing, subscription]);
        return new Unsubscriber(() => _explicit.AddOrUpdate(streamId, [], (_, existing) => [.. existing.Where(s => s != subscription)]));
    }

    /// <summary>Waits until everything queued has been delivered; the first step of a graceful stop, while grains still take calls.</summary>
    public Task DrainAsync() => Task.WhenAll(_agents.Values.Select(a => a.WhenIdleAsync()));

    /// <summary>Stops delivering and stores the cursors; after the grains are deactivated, before storage stops.</summary>
    public async Task StopAsync()
    {
        if (_cursorTimer is not null)
            await _cursorTimer.DisposeAsync();
        Stopped = true;
        await _stopping.CancelAsync();
        await Task.WhenAll(_agents.Values.Select(a => a.WhenIdleAsync()));
        await SaveCursorsAsync();
    }

    public void Kill()
    {
        Stopped = true;
        _stopping.Cancel();
        _cursorTimer?.Dispose();
    }

    /// <summary>How far each consumer is behind the newest committed item, for the management surface.</summary>
    public long MaxLag()
    {
        var head = Storage.HighWaterMark;
        var lag = 0L;
        foreach (var agent in _agents.Values)
        {
            if (agent.OldestPending is { } oldest)
                lag = Math.Max(lag, head - oldest + 1);
        }
        return lag;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cursorTimer is not null)
            await _cursorTimer.DisposeAsync();
    }

    sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}

internal static partial class StreamLog
{
    [LoggerMessage(20, LogLevel.Information, "Stream namespace {Namespace}: replayed {Count} items to implicit consumers")]
    public static partial void CaughtUp(ILogger logger, string @namespace, long count);

    [LoggerMessage(21, LogLevel.Warning, "Saving stream cursors failed; items after the stored cursors will be delivered again after a restart")]
    public static partial void CursorSaveFailed(ILogger logger, Exception exception);
}
