using System.Diagnostics;
using CityActors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CityActors.Runtime.Storage;

/// <summary>Group commit: every write of every activation joins the next batch, one transaction per batch.</summary>
/// <remarks>
/// One batch commits at a time; writes that arrive meanwhile form the next one, so the batch grows with the
/// load and a write costs a share of one transaction instead of one of its own. A write's task completes
/// only after its batch is durable. Event positions are assigned here, in commit order, so the journal read
/// by position is the order in which events were acknowledged.
/// Positions need not be consecutive: a batch that fails keeps the positions it was given, because it may have
/// committed after all (the connection can drop between the commit and its answer). The next batch starts after
/// them; nothing reads positions as a count, so the gap is harmless.
/// </remarks>
internal sealed class StorageCommitter : IAsyncDisposable
{
    const int MaxBatchOperations = 8192;

    readonly IStorageBackend _backend;
    readonly RuntimeTelemetry _telemetry;
    readonly ILogger _logger;
    readonly Lock _lock = new();
    List<Pending> _pending = [];
    // Set while writes wait; the committer's own thread sleeps on it. Spinning would take a core from the grains.
    readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Thread? _thread;
    long _position;
    volatile Exception? _stopped;
    bool _stopping;

    public StorageCommitter(IStorageBackend backend, RuntimeTelemetry telemetry, ILogger logger)
    {
        _backend = backend;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Called after each committed batch with the events it stored, in position order.</summary>
    public Action<IReadOnlyList<StoredEvent>>? EventsCommitted { get; set; }

    /// <summary>The largest position committed so far.</summary>
    public long HighWaterMark => Interlocked.Read(ref _position);

    public void Start(long highWaterMark)
    {
        _position = highWaterMark;
        // A thread of its own: woken at once by the first write instead of queueing behind the grains' work on the
        // thread pool, and a commit that blocks (SQLite's fsync) does not take a pool thread from them.
        _thread = new Thread(Run) { IsBackground = true, Name = "Storage committer" };
        _thread.Start();
    }

    /// <summary>Queues an operation; the task completes when its batch is durable (check <see cref="StorageOperation.Conflict"/>).</summary>
    public Task CommitAsync(StorageOperation operation)
    {
        var pending = new Pending(operation);
        lock (_lock)
        {
            if (_stopped is { } stopped)
                return Task.FromException(stopped);
            _pending.Add(pending);
            if (_pending.Count == 1)
                _wake.Set();
        }
        return pending.Completion.Task;
    }

    void Run()
    {
        try
        {
            while (NextBatch() is { } batch)
                CommitBatchAsync(batch).GetAwaiter().GetResult();
            _done.TrySetResult();
        }
        catch (Exception exception)
        {
            _done.TrySetException(exception);
        }
    }

    /// <summary>Waits for writes and takes the next batch of them; null once stopping and nothing is left.</summary>
    List<Pending>? NextBatch()
    {
        while (true)
        {
            _wake.Wait();
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    if (_stopping)
                    {
                        _stopped ??= new SiloUnavailableException("Storage is stopped.");
                        return null;
                    }
                    _wake.Reset();
                    continue;
                }
                List<Pending> batch;
                if (_pending.Count <= MaxBatchOperations)
                {
                    batch = _pending;
                    _pending = [];
                    if (!_stopping)
                        _wake.Reset();
                }
                else
                {
                    batch = _pending.GetRange(0, MaxBatchOperations);
                    _pending.RemoveRange(0, MaxBatchOperations);
                }
                return batch;
            }
        }
    }

    async Task CommitBatchAsync(List<Pending> batch)
    {
        var operations = new StorageOperation[batch.Count];
        var position = _position;
        List<StoredEvent>? events = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var operation = batch[i].Operation;
            if (operation is AppendEventsOperation append)
            {
                foreach (var e in append.Events)
                    e.Position = ++position;
            }
            operations[i] = operation;
        }
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.StartStorageBatch(_backend.Name, operations.Length);
        try
        {
            await _backend.CommitAsync(operations, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Handing these positions out again would collide with the batch if it did commit, and so fail every later batch.
            Interlocked.Exchange(ref _position, position);
            RuntimeLog.StorageBatchFailed(_logger, exception, operations.Length, _backend.Name);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            var failure = new StorageUnavailableException($"Storage '{_backend.Name}' could not commit: {exception.Message}", exception);
            foreach (var pending in batch)
                pending.Completion.TrySetException(failure);
            await PublishIfCommittedAsync(operations).ConfigureAwait(false);
            return;
        }
        Interlocked.Exchange(ref _position, position);
        _telemetry.StorageBatchCommitted(_backend.Name, operations.Length, Stopwatch.GetElapsedTime(started));
        // The span ends with the commit, before any writer hears back: a caller that sees its write done sees its span too.
        activity?.Stop();
        if (_stopped is { } killed)
        {
            // Killed while committing: the batch is durable but, as after a crash, nobody is told.
            foreach (var pending in batch)
                pending.Completion.TrySetException(killed);
            return;
        }
        foreach (var operation in operations)
        {
            if (operation is AppendEventsOperation { Conflict: false } append && append.Events.Count > 0 && append.Events[0].StreamNamespace is not null)
                (events ??= []).AddRange(append.Events);
        }
        if (events is not null)
            EventsCommitted?.Invoke(events);
        // Telling hundreds of writers wakes their activations; a pool thread does it, so this thread goes on to the next batch.
        ThreadPool.UnsafeQueueUserWorkItem(static done =>
        {
            foreach (var pending in done)
                pending.Completion.TrySetResult();
        }, batch, preferLocal: false);
    }

    /// <summary>
    /// After a failed batch: if its stream items are stored after all, hands them to the consumers, so that an aggregate
    /// counts what the journal holds. Its writers were told it failed; a grain that goes on from its old version meets a
    /// conflict and reads the journal again.
    /// </summary>
    async Task PublishIfCommittedAsync(StorageOperation[] operations)
    {
        List<StoredEvent>? events = null;
        foreach (var operation in operations)
        {
            if (operation is AppendEventsOperation { Conflict: false } append && append.Events.Count > 0 && append.Events[0].StreamNamespace is not null)
                (events ??= []).AddRange(append.Events);
        }
        if (events is null || _stopped is not null)
            return;
        var probe = events[0];
        try
        {
            var found = await _backend.ReadStreamAsync(probe.StreamNamespace!, probe.Position - 1, probe.Position, 1, CancellationToken.None).ConfigureAwait(false);
            if (found.Count == 0)
                return;
        }
        catch (Exception exception)
        {
            StorageLog.OutcomeUnknown(_logger, exception, events.Count, _backend.Name);
            return;
        }
        StorageLog.CommittedAfterAll(_logger, events.Count, _backend.Name);
        EventsCommitted?.Invoke(events);
    }

    /// <summary>Commits what is queued, then stops taking writes.</summary>
    public async Task FlushAndStopAsync()
    {
        lock (_lock)
        {
            _stopping = true;
            _wake.Set();
        }
        if (_thread is not null)
            await _done.Task.ConfigureAwait(false);
    }

    /// <summary>Stops at once, as a crash would: queued writes are never committed and nobody is told of the one in flight.</summary>
    public void Kill()
    {
        List<Pending> dropped;
        var killed = new SiloUnavailableException("The silo was killed.");
        lock (_lock)
        {
            _stopped = killed;
            _stopping = true;
            dropped = _pending;
            _pending = [];
            _wake.Set();
        }
        foreach (var pending in dropped)
            pending.Completion.TrySetException(killed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped is null)
            await FlushAndStopAsync().ConfigureAwait(false);
        else if (_thread is not null)
            await _done.Task.ConfigureAwait(false);
        _wake.Dispose();
    }

    sealed class Pending(StorageOperation operation)
    {
        public StorageOperation Operation { get; } = operation;
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The store could not be reached or could not commit.</summary>
/// <remarks>
/// Usually nothing of the write was stored; but when the connection dropped between the commit and its answer, it was.
/// A write that failed this way and is retried meets an ETag or version conflict instead of applying twice.
/// </remarks>
public sealed class StorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

internal static partial class StorageLog
{
    [LoggerMessage(30, LogLevel.Warning, "A failed batch on {Backend} was committed after all; its {Count} stream items go to the consumers")]
    public static partial void CommittedAfterAll(ILogger logger, int count, string backend);

    [LoggerMessage(31, LogLevel.Error, "Could not tell whether a failed batch on {Backend} was committed; if it was, its {Count} stream items are in the journal but consumers will not get them")]
    public static partial void OutcomeUnknown(ILogger logger, Exception exception, int count, string backend);
}
