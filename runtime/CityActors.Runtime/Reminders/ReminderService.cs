using System.Collections.Concurrent;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Reminders;

/// <summary>Durable reminders: stored with the grain's id, loaded at start, delivered as <see cref="IRemindable.ReceiveReminder"/> turns.</summary>
/// <remarks>
/// A tick that fell due while the silo was down is delivered once, soon after start; later ticks keep the
/// original schedule (first tick + n × period). Delivery is at least once: a tick that was delivered just
/// before a crash may be delivered again after it.
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
        try
        {
            await catalog.RunOnGrainAsync(entry.GrainId, g => g is IRemindable remindable
                ? remindable.ReceiveReminder(entry.Name, status)
                : throw new InvalidOperationException($"{g.GetType().Name} has a reminder but does not implement IRemindable."), interleave: false);
        }
        catch (Exception exception)
        {
            RuntimeLog.ReminderFailed(catalog.Logger, exception, entry.Name, entry.GrainId);
        }
        if (entry.Period == Timeout.InfiniteTimeSpan)
        {
            if (_reminders.TryRemove(new KeyValuePair<(GrainId, string), ScheduledReminder>((entry.GrainId, entry.Name), scheduled)))
                await storage.CommitAsync(new DeleteReminderOperation(entry.GrainId, entry.Name));
            return;
        }
        scheduled.ScheduleAfter(dueAt);
    }

    public void Stop()
    {
        _stopped = true;
        foreach (var reminder in _reminders.Values)
            reminder.Dispose();
        _reminders.Clear();
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

        public void ScheduleAfter(DateTimeOffset previousDue)
        {
            var now = _service.Time.GetUtcNow();
            var next = previousDue + Entry.Period;
            if (next <= now)
                next = previousDue + TimeSpan.FromTicks(((now - previousDue).Ticks / Entry.Period.Ticks + 1) * Entry.Period.Ticks);
            Arm(next, now);
        }

        void Arm(DateTimeOffset dueAt, DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_disposed)
                    return;
                _dueAt = dueAt;
                _timer?.Dispose();
                var delay = dueAt - now;
                _timer = _service.Time.CreateTimer(static s =>
                {
                    var self = (ScheduledReminder)s!;
                    _ = self._service.FireAsync(self, self._dueAt);
                }, this, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
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
