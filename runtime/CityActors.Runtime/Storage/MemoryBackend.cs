using System.Globalization;

namespace CityActors.Runtime.Storage;

/// <summary>A backend that keeps everything in memory: for tests and benchmarks of the runtime itself.</summary>
/// <remarks>It survives a silo restart only when the same instance is handed to the new silo.</remarks>
public sealed class MemoryBackend : IStorageBackend
{
    readonly Lock _lock = new();
    readonly Dictionary<(GrainId, string), StoredState> _states = [];
    readonly Dictionary<GrainId, List<StoredEvent>> _journals = [];
    readonly List<StoredEvent> _events = [];
    readonly Dictionary<(GrainId, string), ReminderEntry> _reminders = [];
    readonly Dictionary<(GrainId, string, string), StreamCursor> _cursors = [];

    public string Name => "memory";

    public Task<long> InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_events.Count == 0 ? 0 : _events[^1].Position);
    }

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => Task.FromResult(1);

    public Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var operation in batch)
                Apply(operation);
        }
        return Task.CompletedTask;
    }

    void Apply(StorageOperation operation)
    {
        switch (operation)
        {
            case WriteStateOperation write:
            {
                _states.TryGetValue((write.GrainId, write.StateName), out var current);
                if (write.ExpectedETag != WriteStateOperation.AnyETag && current?.ETag != write.ExpectedETag)
                {
                    write.Conflict = true;
                    write.CurrentETag = current?.ETag;
                    return;
                }
                var next = current is null ? 1 : long.Parse(current.ETag, CultureInfo.InvariantCulture) + 1;
                write.NewETag = next.ToString(CultureInfo.InvariantCulture);
                _states[(write.GrainId, write.StateName)] = new StoredState(write.NewETag, write.Payload);
                return;
            }
            case ClearStateOperation clear:
            {
                _states.TryGetValue((clear.GrainId, clear.StateName), out var current);
                if (current?.ETag != clear.ExpectedETag)
                {
                    clear.Conflict = true;
                    clear.CurrentETag = current?.ETag;
                    return;
                }
                _states.Remove((clear.GrainId, clear.StateName));
                return;
            }
            case AppendEventsOperation append:
            {
                if (append.GrainId is { } grainId)
                {
                    var journal = _journals.TryGetValue(grainId, out var list) ? list : _journals[grainId] = [];
                    var version = journal.Count == 0 ? 0 : journal[^1].Version;
                    if (version != append.ExpectedVersion)
                    {
                        append.Conflict = true;
                        append.CurrentETag = version.ToString(CultureInfo.InvariantCulture);
                        return;
                    }
                }
                // What a store keeps is the payload: reads give no live object, as from SQLite or PostgreSQL.
                var stored = append.Events.Select(e => e.Item is null ? e : e with { Item = null }).ToList();
                if (append.GrainId is { } journalId)
                    _journals[journalId].AddRange(stored);
                _events.AddRange(stored);
                return;
            }
            case UpsertReminderOperation upsert:
                _reminders[(upsert.Reminder.GrainId, upsert.Reminder.Name)] = upsert.Reminder;
                return;
            case DeleteReminderOperation delete:
                _reminders.Remove((delete.GrainId, delete.Name));
                return;
            case UpsertCursorOperation cursor:
            {
                var key = (cursor.Cursor.Consumer, cursor.Cursor.StreamNamespace, cursor.Cursor.StreamKey);
                if (!_cursors.TryGetValue(key, out var existing) || existing.Position < cursor.Cursor.Position)
                    _cursors[key] = cursor.Cursor;
                return;
            }
            default:
                throw new NotSupportedException($"Unknown storage operation {operation.GetType().Name}.");
        }
    }

    public Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_states.GetValueOrDefault((grainId, stateName)));
    }

    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grainId, long fromVersion, long toVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredEvent> result = _journals.TryGetValue(grainId, out var journal)
                ? journal.Where(e => e.Version > fromVersion && e.Version <= toVersion).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadJournalByTimeAsync(GrainId grainId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredEvent> result = _journals.TryGetValue(grainId, out var journal)
                ? journal.Where(e => e.Timestamp >= from && e.Timestamp < to).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<long> ReadJournalVersionAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_journals.TryGetValue(grainId, out var journal) && journal.Count > 0 ? journal[^1].Version : 0L);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamNamespace, long afterPosition, long upToPosition, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredEvent> result = _events
                .Where(e => e.StreamNamespace == streamNamespace && e.Position > afterPosition && e.Position <= upToPosition)
                .Take(maxCount)
                .ToList();
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _reminders.Values]);
    }

    public Task<IReadOnlyList<StreamCursor>> ReadCursorsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<StreamCursor>>([.. _cursors.Values]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
