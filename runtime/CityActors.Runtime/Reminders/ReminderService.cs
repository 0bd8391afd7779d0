using System.Collections.Concurrent;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Reminders;

/// <summary>Durable reminders: stored with the grain's id, loaded at start, delivered as <see cref="IRemindable.ReceiveReminder"/> turns.</summary>
/// <remarks>
/// After each tick of a periodic reminder its stored start is moved on to the next due time, so a silo that starts
/// later sees only ticks that were really missed: such a tick is delivered once, soon after start, and later ticks
/// keep the original schedule (first tick + n × period). Delivery is at least once: a tick that was delivered just
/// before a crash, before its next due time was stored, may be delivered again after it.
/// </remarks>
internal sealed class ReminderService(Catalog catalog, GrainStorage storage) : IAsyncDisposable
{
    readonly ConcurrentDictionary<(GrainId, string), ScheduledReminder> _reminders = new();
    volatile bool _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await storage.Backend.ReadRemindersAsync(cancellationToken))
            Schedule(entry);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive.");
        var entry = new ReminderEntry(grainId, name, GrainStorage.StorageTime(catalog.Time.GetUtcNow() + dueTime), period);
        await storage.CommitAsync(new UpsertReminderOperation(entry));
        Schedule(entry);
        return new Reminder(name);
    }

    public Task<IGrainReminder?> GetAsync(GrainId grainId, string name)
        => Task.FromResult<IGrainReminder?>(_reminders.ContainsKey((grainId, name)) ? new Reminder(name) : null);

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        await storage.CommitAsync(new DeleteReminderOperation(grainId, name));
        if (_reminders.TryRemove((grainId, name), out var scheduled))
            scheduled.Dispose();
    }

    void Schedule(ReminderEntry entry)
    {
        var scheduled = new ScheduledReminder(this, entry);
        _reminders.AddOrUpdate((entry.GrainId, entry.Name), scheduled, (_, old) =>
        {
            old.Dispose();
            return scheduled;
        });
        scheduled.Start(catalog.Time.GetUtcNow());
    }

    async Task FireAsync(ScheduledReminder scheduled, DateTimeOffset dueAt)
    {
        if (_stopped)
            return;
        var entry = scheduled.Entry;
        var status = new TickStatus(entry.StartAt, entry.Period, catalog.Time.GetUtcNow());
        DateTimeOffset? next = entry.Period == Timeout.InfiniteTimeSpan ? null : scheduled.NextDueAfter(dueAt);
        try
        {
            await catalog.RunOnGrainAsync(entry.GrainId, async g =>
            {
                try
                {
                    await (g is IRemindable remindable
                        ? remindable.ReceiveReminder(entry.Name, status)
                        : throw new InvalidOperationException($"{g.GetType().Name} has a reminder but does not implement IRemindable."));
                }
                finally
                {
                    // Stored inside the grain's turn, so a registration by the grain cannot slip in between and be overwritten.
                    if (next is { } due && IsCurrent(scheduled))
                        await storage.CommitAsync(new UpsertReminderOperation(entry with { StartAt = GrainStorage.StorageTime(due) }));
                }
            }, interleave: false);
        }
        catch (Exception exception)
        {
            RuntimeLog.ReminderFailed(catalog.Logger, exception, entry.Name, entry.GrainId);
        }
        if (next is { } nextDue)
        {
            scheduled.Arm(nextDue, catalog.Time.GetUtcNow());
            return;
        }
        if (_reminders.TryRemove(new KeyValuePair<(GrainId, string), ScheduledReminder>((entry.GrainId, entry.Name), scheduled)))
            await storage.CommitAsync(new DeleteReminderOperation(entry.GrainId, entry.Name));
    }

    bool IsCurrent(ScheduledReminder scheduled)
        => _reminders.TryGetValue((scheduled.Entry.GrainId, scheduled.Entry.Name), out var current) && ReferenceEquals(current, scheduled);

    public void Stop()
    {
        _stopped = true;
        // The entries stay: a tick delivered while the silo stops still stores its next due time.
        foreach (var reminder in _reminders.Values)
            reminder.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    sealed record Reminder(string ReminderName) : IGrainReminder;

    sealed class ScheduledReminder(ReminderService service, ReminderEntry entry) : IDisposable
    {
        readonly ReminderService _service = service;
        readonly Lock _lock = new();
        ITimer? _timer;
        DateTimeOffset _dueAt;
        bool _disposed;

        public ReminderEntry Entry { get; } = entry;

        public void Start(DateTimeOffset now)
        {
            if (Entry.StartAt > now || Entry.Period == Timeout.InfiniteTimeSpan)
            {
                Arm(Entry.StartAt, now);
                return;
            }
            // Missed while down: deliver the latest missed tick now, then keep to the schedule.
            var missed = (now - Entry.StartAt).Ticks / Entry.Period.Ticks;
            Arm(Entry.StartAt + TimeSpan.FromTicks(missed * Entry.Period.Ticks), now);
        }

        /// <summary>The first tick of the schedule after <paramref name="previousDue"/> that is still ahead.</summary>
        public DateTimeOffset NextDueAfter(DateTimeOffset previousDue)
        {
            var now = _service.Time.GetUtcNow();
            var next = previousDue + Entry.Period;
            if (next <= now)
                next = previousDue + TimeSpan.FromTicks(((now - previousDue).Ticks / Entry.Period.Ticks + 1) * Entry.Period.Ticks);
            return next;
        }

        public void Arm(DateTimeOffset dueAt, DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_disposed)
                    return;
                _dueAt = dueAt;
                _timer?.Dispose();
                _timer = null;
                var delay = dueAt - now;
                if (delay <= TimeSpan.Zero)
                {
                    // Already due (the clock moved past it during the previous tick): a timer of a clock that only
                    // moves when told to would wait for the next move, so the tick is queued at once instead.
                    ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self._service.FireAsync(self, self._dueAt), this, preferLocal: false);
                    return;
                }
                _timer = _service.Time.CreateTimer(static s =>
                {
                    var self = (ScheduledReminder)s!;
                    _ = self._service.FireAsync(self, self._dueAt);
                }, this, delay, Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _timer?.Dispose();
            }
        }
    }

    TimeProvider Time => catalog.Time;
}
