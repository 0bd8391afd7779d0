using System.Threading.Channels;
using CityActors.Grains.Audit;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Http;

/// <summary>Writes the audit of write requests: entries from concurrent requests go to the day's audit grain together.</summary>
/// <remarks>
/// A request is answered once its entry is durable (<see cref="Audited"/>). When storage refuses an append, the entries
/// stay queued and are tried again on a timer — every <see cref="ClientApiOptions.AuditRetryInterval"/>, doubling up to a
/// minute — whether or not new requests arrive. Stopping writes what is queued before the silo goes down. Every entry
/// carries an id, and the day's grain skips ids it holds, so an append retried after a lost answer adds nothing twice.
/// </remarks>
public sealed partial class AuditTrail(IGrainFactory grains, IOptions<ClientApiOptions> options, TimeProvider time, ILogger<AuditTrail> logger) : IHostedService, IDisposable
{
    const int MaxGroup = 2000;
    static readonly TimeSpan s_longestInterval = TimeSpan.FromMinutes(1);

    readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _stopping = new();
    CancellationToken _shutdown;
    Task _writer = Task.CompletedTask;

    /// <summary>Queues an entry (giving it an id when it has none); the task completes once the entry is durable.</summary>
    public Task RecordAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new Pending(entry.Id is null ? entry with { Id = Guid.NewGuid().ToString("N") } : entry);
        // Once stopped, the few requests still finishing write their own entries.
        return _queue.Writer.TryWrite(pending) ? pending.Written.Task : AppendAsync(pending.Entry);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Writes what is queued; gives up (and logs what is lost) only when the host's shutdown time runs out.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _shutdown = cancellationToken;
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time is up; the writer logs what it could not store.
        }
    }

    async Task WriteAsync()
    {
        var pending = new List<Pending>();
        var failures = 0;
        while (true)
        {
            if (pending.Count == 0 && !await _queue.Reader.WaitToReadAsync(CancellationToken.None))
                return;
            while (_queue.Reader.TryRead(out var item))
                pending.Add(item);
            if (await TryAppendAsync(pending))
            {
                failures = 0;
                continue;
            }
            failures++;
            if (!await WaitToRetryAsync(failures))
            {
                LogLost(logger, pending.Count);
                foreach (var item in pending)
                    item.Written.TrySetException(new StorageUnavailableException("The audit could not be stored before the silo stopped."));
                return;
            }
        }
    }

    /// <summary>Waits before the next attempt: the retry interval, doubling; while stopping, briefly. False when shutdown time is up.</summary>
    async Task<bool> WaitToRetryAsync(int failures)
    {
        var interval = options.Value.AuditRetryInterval;
        var delay = TimeSpan.FromTicks(Math.Min(s_longestInterval.Ticks, interval.Ticks * (1L << Math.Min(failures - 1, 16))));
        if (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, _stopping.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                // Stopping: try again at once, then briefly, until the host's shutdown time is up.
                return !_shutdown.IsCancellationRequested;
            }
        }
        try
        {
            await Task.Delay(TimeSpan.FromTicks(Math.Min(delay.Ticks, TimeSpan.TicksPerSecond)), time, _shutdown);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Appends the pending entries day by day; those written leave <paramref name="pending"/>, so a day written is never sent again.</summary>
    async Task<bool> TryAppendAsync(List<Pending> pending)
    {
        var written = new HashSet<Pending>();
        var failed = false;
        foreach (var day in pending.GroupBy(p => IAuditGrain.Key(options.Value.City, p.Entry.At)).ToList())
        {
            foreach (var group in day.Chunk(MaxGroup))
            {
                try
                {
                    await grains.GetGrain<IAuditGrain>(day.Key).AppendAsync([.. group.Select(p => p.Entry)]);
                }
                catch (Exception exception)
                {
                    LogFailed(logger, exception, group.Length);
                    failed = true;
                    break;
                }
                foreach (var item in group)
                {
                    written.Add(item);
                    item.Written.TrySetResult();
                }
            }
        }
        pending.RemoveAll(written.Contains);
        return !failed;
    }

    Task AppendAsync(AuditEntry entry) => grains.GetGrain<IAuditGrain>(IAuditGrain.Key(options.Value.City, entry.At)).AppendAsync([entry]);

    public void Dispose() => _stopping.Dispose();

    sealed class Pending(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit of {Count} writes could not be stored yet; retrying")]
    static partial void LogFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The silo stopped before the audit of {Count} writes could be stored; those entries are lost (the changes themselves are in the facilities' journals)")]
    static partial void LogLost(ILogger logger, int count);
}
