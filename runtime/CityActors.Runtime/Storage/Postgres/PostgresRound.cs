using Npgsql;
using NpgsqlTypes;

namespace CityActors.Runtime.Storage.Postgres;

/// <summary>Operations of a batch that touch each row at most once, applied together in one round trip.</summary>
/// <remarks>
/// A batch is cut into rounds so that a second operation on the same state, journal or reminder sees the first
/// one's effect, as it would one by one; a typical batch is a single round. Cursors only ever move forward, so
/// they all go in the first round, each at its furthest position.
/// </remarks>
internal sealed class PostgresRound(PostgresStatements statements, PostgresJournalHeads heads)
{
    readonly List<WriteStateOperation> _inserts = [];
    readonly List<WriteStateOperation> _upserts = [];
    readonly List<(WriteStateOperation Operation, long Expected)> _updates = [];
    readonly List<(ClearStateOperation Operation, long Expected)> _deletes = [];
    readonly List<ClearStateOperation> _clearsOfAbsent = [];
    readonly List<AppendEventsOperation> _appends = [];
    readonly List<ReminderEntry> _reminderUpserts = [];
    readonly List<DeleteReminderOperation> _reminderDeletes = [];
    readonly Dictionary<(GrainId Consumer, string Namespace, string Key), long> _cursors = [];
    /// <summary>State operations found in conflict, whose stored ETag is still to be read.</summary>
    readonly List<(StorageOperation Operation, GrainId GrainId, string StateName)> _conflicts = [];

    public static List<PostgresRound> Split(IReadOnlyList<StorageOperation> batch, PostgresStatements statements, PostgresJournalHeads heads)
    {
        var rounds = new List<PostgresRound> { new(statements, heads) };
        var seen = new Dictionary<(int Table, GrainId GrainId, string Name), int>();
        foreach (var operation in batch)
        {
            (int, GrainId, string)? row = operation switch
            {
                WriteStateOperation write => (0, write.GrainId, write.StateName),
                ClearStateOperation clear => (0, clear.GrainId, clear.StateName),
                AppendEventsOperation { GrainId: { } grainId } => (1, grainId, ""),
                UpsertReminderOperation upsert => (2, upsert.Reminder.GrainId, upsert.Reminder.Name),
                DeleteReminderOperation delete => (2, delete.GrainId, delete.Name),
                _ => null,
            };
            var index = 0;
            if (row is { } key)
            {
                index = seen.GetValueOrDefault(key);
                seen[key] = index + 1;
                if (index == rounds.Count)
                    rounds.Add(new PostgresRound(statements, heads));
            }
            rounds[index].Add(operation);
        }
        return rounds;
    }

    void Add(StorageOperation operation)
    {
        switch (operation)
        {
            case WriteStateOperation { ExpectedETag: null } write:
                _inserts.Add(write);
                return;
            case WriteStateOperation { ExpectedETag: WriteStateOperation.AnyETag } write:
                _upserts.Add(write);
                return;
            case WriteStateOperation write:
                if (ETags.TryParse(write.ExpectedETag!, out var expected))
                    _updates.Add((write, expected));
                else
                    Conflict(write, write.GrainId, write.StateName);
                return;
            case ClearStateOperation { ExpectedETag: null } clear:
                _clearsOfAbsent.Add(clear);
                return;
            case ClearStateOperation clear:
                if (ETags.TryParse(clear.ExpectedETag!, out var expectedToClear))
                    _deletes.Add((clear, expectedToClear));
                else
                    Conflict(clear, clear.GrainId, clear.StateName);
                return;
            case AppendEventsOperation append:
                _appends.Add(append);
                return;
            case UpsertReminderOperation upsert:
                _reminderUpserts.Add(upsert.Reminder);
                return;
            case DeleteReminderOperation delete:
                _reminderDeletes.Add(delete);
                return;
            case UpsertCursorOperation { Cursor: var cursor }:
                var key = (cursor.Consumer, cursor.StreamNamespace, cursor.StreamKey);
                if (!_cursors.TryGetValue(key, out var position) || position < cursor.Position)
                    _cursors[key] = cursor.Position;
                return;
            default:
                throw new NotSupportedException($"Unknown storage operation {operation.GetType().Name}.");
        }
    }

    void Conflict(StorageOperation operation, GrainId grainId, string stateName)
    {
        operation.Conflict = true;
        _conflicts.Add((operation, grainId, stateName));
    }

    public async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var results = new List<Func<NpgsqlDataReader, CancellationToken, Task>>();
        // Statements that return rows go first, so the n-th result set belongs to the n-th of them.
        if (_inserts.Count > 0)
            results.Add(AddInserts(batch));
        if (_upserts.Count > 0)
            results.Add(AddUpserts(batch));
        if (_updates.Count > 0)
            results.Add(AddUpdates(batch));
        if (_deletes.Count > 0)
            results.Add(AddDeletes(batch));
        if (_clearsOfAbsent.Count > 0)
            results.Add(AddClearsOfAbsent(batch));
        var partial = new List<AppendEventsOperation>();
        // Appends at a head this writer committed, and stream-only ones, are inserted unchecked; the others ask the table
        // for their grain's head.
        var atKnownHeads = new List<AppendEventsOperation>();
        var toCheck = new List<AppendEventsOperation>();
        foreach (var append in _appends)
            (append.GrainId is not { } grainId || heads.IsKnown(grainId, append.ExpectedVersion) ? atKnownHeads : toCheck).Add(append);
        if (toCheck.Count > 0)
            results.Add(AddCheckedAppends(batch, toCheck, partial));
        if (atKnownHeads.Count > 0)
            AddUncheckedAppends(batch, atKnownHeads);
        if (_reminderUpserts.Count > 0)
        {
            Add(batch, statements.UpsertReminders,
                Texts(_reminderUpserts, r => r.GrainId.Type), Texts(_reminderUpserts, r => r.GrainId.Key), Texts(_reminderUpserts, r => r.Name),
                _reminderUpserts.Select(r => r.StartAt.UtcDateTime).ToArray(), _reminderUpserts.Select(r => r.Period).ToArray());
        }
        if (_reminderDeletes.Count > 0)
        {
            Add(batch, statements.DeleteReminders,
                Texts(_reminderDeletes, d => d.GrainId.Type), Texts(_reminderDeletes, d => d.GrainId.Key), Texts(_reminderDeletes, d => d.Name));
        }
        if (_cursors.Count > 0)
        {
            Add(batch, statements.UpsertCursors,
                _cursors.Keys.Select(c => c.Consumer.Type).ToArray(), _cursors.Keys.Select(c => c.Consumer.Key).ToArray(),
                _cursors.Keys.Select(c => c.Namespace).ToArray(), _cursors.Keys.Select(c => c.Key).ToArray(), _cursors.Values.ToArray());
        }

        if (results.Count == 0)
        {
            if (batch.BatchCommands.Count > 0)
                await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < results.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                    throw new InvalidOperationException("PostgreSQL returned fewer result sets than the batch has statements.");
                await results[i](reader, cancellationToken);
            }
            // The statements that return nothing still run, and report their errors, as the reader goes past them.
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        foreach (var append in partial)
            await TakeBackAsync(connection, append, cancellationToken);
        if (_conflicts.Count > 0)
            await ReadConflictETagsAsync(connection, cancellationToken);
    }

    Func<NpgsqlDataReader, CancellationToken, Task> AddInserts(NpgsqlBatch batch)
    {
        Add(batch, statements.InsertStates,
            Texts(_inserts, w => w.GrainId.Type), Texts(_inserts, w => w.GrainId.Key), Texts(_inserts, w => w.StateName), Payloads(_inserts));
        return async (reader, cancellationToken) =>
        {
            var pending = _inserts.ToDictionary(w => (w.GrainId, w.StateName));
            while (await reader.ReadAsync(cancellationToken))
            {
                if (pending.Remove((new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2)), out var write))
                    write.NewETag = "1";
            }
            foreach (var write in pending.Values)
                Conflict(write, write.GrainId, write.StateName);
        };
    }

    Func<NpgsqlDataReader, CancellationToken, Task> AddUpserts(NpgsqlBatch batch)
    {
        Add(batch, statements.UpsertStates,
            Texts(_upserts, w => w.GrainId.Type), Texts(_upserts, w => w.GrainId.Key), Texts(_upserts, w => w.StateName), Payloads(_upserts));
        return async (reader, cancellationToken) =>
        {
            var written = _upserts.ToDictionary(w => (w.GrainId, w.StateName));
            while (await reader.ReadAsync(cancellationToken))
                written[(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2))].NewETag = ETags.Format(reader.GetInt64(3));
        };
    }

    Func<NpgsqlDataReader, CancellationToken, Task> AddUpdates(NpgsqlBatch batch)
    {
        Add(batch, statements.UpdateStates,
            Indexes(_updates.Count), Texts(_updates, u => u.Operation.GrainId.Type), Texts(_updates, u => u.Operation.GrainId.Key),
            Texts(_updates, u => u.Operation.StateName), _updates.Select(u => u.Expected).ToArray(), _updates.Select(u => u.Operation.Payload).ToArray());
        return async (reader, cancellationToken) =>
        {
            var matched = new bool[_updates.Count];
            while (await reader.ReadAsync(cancellationToken))
                matched[reader.GetInt32(0)] = true;
            for (var i = 0; i < matched.Length; i++)
            {
                var (write, expected) = _updates[i];
                if (matched[i])
                    write.NewETag = ETags.Format(expected + 1);
                else
                    Conflict(write, write.GrainId, write.StateName);
            }
        };
    }

    Func<NpgsqlDataReader, CancellationToken, Task> AddDeletes(NpgsqlBatch batch)
    {
        Add(batch, statements.DeleteStates,
            Indexes(_deletes.Count), Texts(_deletes, d => d.Operation.GrainId.Type), Texts(_deletes, d => d.Operation.GrainId.Key),
            Texts(_deletes, d => d.Operation.StateName), _deletes.Select(d => d.Expected).ToArray());
        return async (reader, cancellationToken) =>
        {
            var matched = new bool[_deletes.Count];
            while (await reader.ReadAsync(cancellationToken))
                matched[reader.GetInt32(0)] = true;
            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i])
                    Conflict(_deletes[i].Operation, _deletes[i].Operation.GrainId, _deletes[i].Operation.StateName);
            }
        };
    }

    Func<NpgsqlDataReader, CancellationToken, Task> AddClearsOfAbsent(NpgsqlBatch batch)
    {
        // Clearing nothing with no ETag is a no-op; a record that exists was written by someone this caller never saw.
        Add(batch, statements.ReadETags,
            Indexes(_clearsOfAbsent.Count), Texts(_clearsOfAbsent, c => c.GrainId.Type), Texts(_clearsOfAbsent, c => c.GrainId.Key),
            Texts(_clearsOfAbsent, c => c.StateName));
        return async (reader, cancellationToken) =>
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var clear = _clearsOfAbsent[reader.GetInt32(0)];
                clear.Conflict = true;
                clear.CurrentETag = ETags.Format(reader.GetInt64(1));
            }
        };
    }

    /// <summary>Appends of grains whose head this writer does not know: the statement checks each against the table.</summary>
    Func<NpgsqlDataReader, CancellationToken, Task> AddCheckedAppends(NpgsqlBatch batch, List<AppendEventsOperation> grainAppends, List<AppendEventsOperation> partial)
    {
        var events = new List<(int Operation, GrainId? GrainId, StoredEvent Event)>();
        for (var index = 0; index < grainAppends.Count; index++)
        {
            foreach (var e in grainAppends[index].Events)
                events.Add((index, grainAppends[index].GrainId, e));
        }
        Add(batch, statements.AppendEvents,
            Indexes(grainAppends.Count), Texts(grainAppends, a => a.GrainId!.Value.Type), Texts(grainAppends, a => a.GrainId!.Value.Key),
            grainAppends.Select(a => a.ExpectedVersion).ToArray(), grainAppends.Select(a => a.Events.Count).ToArray(),
            events.Select(e => e.Operation).ToArray(), events.Select(e => e.Event.Position).ToArray(),
            events.Select(e => e.GrainId?.Type).ToArray(), events.Select(e => e.GrainId?.Key).ToArray(),
            events.Select(e => e.Event.Version).ToArray(), events.Select(e => e.Event.Timestamp.UtcDateTime).ToArray(),
            events.Select(e => e.Event.StreamNamespace).ToArray(), events.Select(e => e.Event.StreamKey).ToArray(),
            events.Select(e => e.Event.EventType).ToArray(), events.Select(e => e.Event.Payload).ToArray());
        return async (reader, cancellationToken) =>
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var append = grainAppends[reader.GetInt32(0)];
                var version = reader.GetInt64(1);
                append.Conflict = true;
                append.CurrentETag = ETags.Format(version);
                if (version == append.ExpectedVersion)
                    partial.Add(append);
            }
            foreach (var append in grainAppends)
            {
                if (!append.Conflict)
                    heads.Appended(append.GrainId!.Value, append.ExpectedVersion + append.Events.Count);
            }
        };
    }

    /// <summary>
    /// Appends at a head this writer committed, and stream-only events: inserted without a check, since the unique index
    /// fails the batch if another writer took one of the versions (and the writer then commits it again, checking every head).
    /// </summary>
    void AddUncheckedAppends(NpgsqlBatch batch, List<AppendEventsOperation> appends)
    {
        var events = new List<(GrainId? GrainId, StoredEvent Event)>();
        foreach (var append in appends)
        {
            foreach (var e in append.Events)
                events.Add((append.GrainId, e));
            if (append.GrainId is { } grainId)
                heads.Appended(grainId, append.ExpectedVersion + append.Events.Count);
        }
        Add(batch, statements.InsertEvents,
            events.Select(e => e.Event.Position).ToArray(), events.Select(e => e.GrainId?.Type).ToArray(), events.Select(e => e.GrainId?.Key).ToArray(),
            events.Select(e => e.Event.Version).ToArray(), events.Select(e => e.Event.Timestamp.UtcDateTime).ToArray(),
            events.Select(e => e.Event.StreamNamespace).ToArray(), events.Select(e => e.Event.StreamKey).ToArray(),
            events.Select(e => e.Event.EventType).ToArray(), events.Select(e => e.Event.Payload).ToArray());
    }

    /// <summary>Removes what a concurrent writer left of an append it raced, so the append writes nothing at all.</summary>
    async Task TakeBackAsync(NpgsqlConnection connection, AppendEventsOperation append, CancellationToken cancellationToken)
    {
        var (type, key) = append.GrainId!.Value;
        await using (var delete = new NpgsqlCommand(statements.DeleteEvents, connection))
        {
            delete.Parameters.AddWithValue(append.Events.Select(e => e.Position).ToArray());
            delete.Parameters.AddWithValue(type);
            delete.Parameters.AddWithValue(key);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var version = new NpgsqlCommand(statements.JournalVersion, connection);
        version.Parameters.AddWithValue(type);
        version.Parameters.AddWithValue(key);
        append.CurrentETag = ETags.Format((long)(await version.ExecuteScalarAsync(cancellationToken))!);
    }

    async Task ReadConflictETagsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statements.ReadETags, connection);
        command.Parameters.AddWithValue(Indexes(_conflicts.Count));
        command.Parameters.AddWithValue(Texts(_conflicts, c => c.GrainId.Type));
        command.Parameters.AddWithValue(Texts(_conflicts, c => c.GrainId.Key));
        command.Parameters.AddWithValue(Texts(_conflicts, c => c.StateName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            _conflicts[reader.GetInt32(0)].Operation.CurrentETag = ETags.Format(reader.GetInt64(1));
    }

    static void Add(NpgsqlBatch batch, string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(array switch
            {
                byte[][] => new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                DateTime[] => new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = array },
            });
        }
        batch.BatchCommands.Add(command);
    }

    static string[] Texts<T>(List<T> items, Func<T, string> text)
    {
        var texts = new string[items.Count];
        for (var i = 0; i < texts.Length; i++)
            texts[i] = text(items[i]);
        return texts;
    }

    static byte[][] Payloads(List<WriteStateOperation> writes) => writes.Select(w => w.Payload).ToArray();

    static int[] Indexes(int count)
    {
        var indexes = new int[count];
        for (var i = 0; i < count; i++)
            indexes[i] = i;
        return indexes;
    }
}
