using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>The one connection that writes, with every statement compiled once and reused for each batch.</summary>
/// <remarks>Not thread-safe: the runtime commits from one writer at a time.</remarks>
internal sealed class SqliteWriter : IDisposable
{
    readonly SqliteConnection _connection;
    readonly JournalHeads _heads;
    readonly SqliteCommand _dataVersion;
    readonly SqliteCommand _upsertHead;
    readonly SqliteCommand _setMark;
    long _seenDataVersion;
    readonly List<SqliteCommand> _commands = [];
    readonly SqliteCommand _insertState;
    readonly SqliteCommand _updateState;
    readonly SqliteCommand _readETag;
    readonly SqliteCommand _deleteState;
    readonly SqliteCommand _upsertReminder;
    readonly SqliteCommand _deleteReminder;
    readonly SqliteCommand _upsertCursor;
    readonly SqliteEventInserter _events;

    public SqliteWriter(SqliteConnection connection, JournalHeads heads)
    {
        _connection = connection;
        _heads = heads;
        _events = new SqliteEventInserter(connection, heads);
        _dataVersion = Command("PRAGMA data_version");
        _upsertHead = Command("""
            INSERT INTO journal_heads (grain_type, grain_key, version, position) VALUES ($t, $k, $v, $p)
            ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, position = excluded.position
            """, "$t", "$k", "$v", "$p");
        _setMark = Command("UPDATE journal_mark SET position = $p", "$p");
        _insertState = Command("""
            INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, updated_at) VALUES ($t, $k, $n, 1, $p, $u)
            ON CONFLICT DO NOTHING
            """, "$t", "$k", "$n", "$p", "$u");
        _updateState = Command("""
            UPDATE grain_state SET etag = etag + 1, payload = $p, updated_at = $u
            WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND etag = $e
            """, "$t", "$k", "$n", "$p", "$u", "$e");
        _readETag = Command(
            "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n",
            "$t", "$k", "$n");
        _deleteState = Command(
            "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND etag = $e",
            "$t", "$k", "$n", "$e");
        _upsertReminder = Command("""
            INSERT INTO reminders (grain_type, grain_key, name, start_at, period) VALUES ($t, $k, $n, $s, $per)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period
            """, "$t", "$k", "$n", "$s", "$per");
        _deleteReminder = Command(
            "DELETE FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n",
            "$t", "$k", "$n");
        _upsertCursor = Command("""
            INSERT INTO stream_cursors (consumer_type, consumer_key, stream_namespace, stream_key, position) VALUES ($t, $k, $ns, $sk, $pos)
            ON CONFLICT (consumer_type, consumer_key, stream_namespace, stream_key)
            DO UPDATE SET position = excluded.position WHERE excluded.position > stream_cursors.position
            """, "$t", "$k", "$ns", "$sk", "$pos");
    }

    /// <summary>The largest event position stored.</summary>
    public long LastPosition { get; private set; }

    /// <summary>Reads the journal heads the table does not hold yet from the events after its mark; at start, and after another connection wrote.</summary>
    public void LoadHeads(SqliteTransaction? transaction = null)
    {
        using (var last = OneOff("SELECT coalesce(max(position), 0) FROM events", transaction))
            LastPosition = (long)last.ExecuteScalar()!;
        long mark;
        using (var read = OneOff("SELECT position FROM journal_mark", transaction))
            mark = (long)read.ExecuteScalar()!;
        var afterMark = new Dictionary<GrainId, JournalHead>();
        long events = 0;
        using (var scan = OneOff("SELECT position, grain_type, grain_key, version FROM events WHERE position > $m AND grain_type IS NOT NULL ORDER BY position", transaction))
        {
            scan.Parameters.AddWithValue("$m", mark);
            using var reader = scan.ExecuteReader();
            while (reader.Read())
            {
                afterMark[new GrainId(reader.GetString(1), reader.GetString(2))] = new JournalHead(reader.GetInt64(3), reader.GetInt64(0));
                events++;
            }
        }
        _heads.Reset(mark, afterMark, events);
        _dataVersion.Transaction = transaction;
        _seenDataVersion = (long)Scalar(_dataVersion)!;
    }

    public void Commit(IReadOnlyList<StorageOperation> batch)
    {
        using var transaction = Begin();
        var now = DateTime.UtcNow.Ticks;
        var lastPosition = LastPosition;
        foreach (var operation in batch)
        {
            Apply(operation, now);
            if (operation is AppendEventsOperation { Conflict: false, Events.Count: > 0 } append)
                lastPosition = Math.Max(lastPosition, append.Events[^1].Position);
        }
        var checkpoint = _heads.CheckpointDue(_events.BatchEvents);
        if (checkpoint)
            WriteHeads(lastPosition);
        transaction.Commit();
        LastPosition = lastPosition;
        _heads.Committed(_events.BatchHeads, _events.BatchEvents);
        if (checkpoint)
            _heads.CheckpointCommitted(lastPosition);
    }

    /// <summary>Writes every head that moved since the mark to the table, in a transaction of its own; called when the store closes.</summary>
    public void CheckpointHeads()
    {
        if (_heads.EventsAfterMark == 0)
            return;
        using var transaction = Begin();
        WriteHeads(LastPosition);
        transaction.Commit();
        _heads.CheckpointCommitted(LastPosition);
    }

    /// <summary>Opens a write transaction and starts a batch, with the heads caught up with any other writer of the file.</summary>
    SqliteTransaction Begin()
    {
        // BEGIN IMMEDIATE: the write lock is taken up front, so the checks that follow see what the writes will change.
        var transaction = _connection.BeginTransaction(deferred: false);
        try
        {
            foreach (var command in _commands)
                command.Transaction = transaction;
            if ((long)Scalar(_dataVersion)! != _seenDataVersion)
            {
                // Another connection wrote to the file: the heads held here may be behind it.
                LoadHeads(transaction);
            }
            _events.BeginBatch();
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    void WriteHeads(long mark)
    {
        var heads = _heads.Dirty();
        foreach (var (grainId, head) in _events.BatchHeads)
            heads.Add(new(grainId, head));
        foreach (var (grainId, head) in heads)
            Execute(_upsertHead, grainId.Type, grainId.Key, head.Version, head.Position);
        Execute(_setMark, mark);
    }

    void Apply(StorageOperation operation, long now)
    {
        switch (operation)
        {
            case WriteStateOperation write:
                WriteState(write, now);
                return;
            case ClearStateOperation clear:
                ClearState(clear);
                return;
            case AppendEventsOperation append:
                _events.Append(append);
                return;
            case UpsertReminderOperation upsert:
                Execute(_upsertReminder, upsert.Reminder.GrainId.Type, upsert.Reminder.GrainId.Key, upsert.Reminder.Name,
                    upsert.Reminder.StartAt.UtcTicks, upsert.Reminder.Period.Ticks);
                return;
            case DeleteReminderOperation delete:
                Execute(_deleteReminder, delete.GrainId.Type, delete.GrainId.Key, delete.Name);
                return;
            case UpsertCursorOperation { Cursor: var cursor }:
                Execute(_upsertCursor, cursor.Consumer.Type, cursor.Consumer.Key, cursor.StreamNamespace, cursor.StreamKey, cursor.Position);
                return;
            default:
                throw new NotSupportedException($"Unknown storage operation {operation.GetType().Name}.");
        }
    }

    void WriteState(WriteStateOperation write, long now)
    {
        var (type, key) = write.GrainId;
        long? expected = null;
        if (write.ExpectedETag == WriteStateOperation.AnyETag)
        {
            // Read, then write over what was read: nothing can change it in between, the transaction holds the
            // write lock. An upsert with RETURNING would do it in one statement, but runs three times slower.
            expected = Scalar(_readETag, type, key, write.StateName) as long?;
        }
        else if (write.ExpectedETag is not null)
        {
            if (!ETags.TryParse(write.ExpectedETag, out var parsed))
            {
                Conflict(write, type, key);
                return;
            }
            expected = parsed;
        }
        var written = expected is { } etag
            ? Execute(_updateState, type, key, write.StateName, write.Payload, now, etag)
            : Execute(_insertState, type, key, write.StateName, write.Payload, now);
        if (written == 1)
            write.NewETag = ETags.Format((expected ?? 0) + 1);
        else
            Conflict(write, type, key);
    }

    void Conflict(WriteStateOperation write, string type, string key)
    {
        write.Conflict = true;
        write.CurrentETag = CurrentETag(type, key, write.StateName);
    }

    void ClearState(ClearStateOperation clear)
    {
        var (type, key) = clear.GrainId;
        if (clear.ExpectedETag is null)
        {
            // Clearing nothing with no ETag is a no-op; a record that exists was written by someone this caller never saw.
            if (CurrentETag(type, key, clear.StateName) is { } existing)
            {
                clear.Conflict = true;
                clear.CurrentETag = existing;
            }
            return;
        }
        if (ETags.TryParse(clear.ExpectedETag, out var expected) && Execute(_deleteState, type, key, clear.StateName, expected) == 1)
            return;
        clear.Conflict = true;
        clear.CurrentETag = CurrentETag(type, key, clear.StateName);
    }

    string? CurrentETag(string type, string key, string stateName)
        => Scalar(_readETag, type, key, stateName) is long etag ? ETags.Format(etag) : null;

    static int Execute(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    static object? Scalar(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        Bind(command, values);
        return command.ExecuteScalar();
    }

    static void Bind(SqliteCommand command, ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    SqliteCommand Command(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        _commands.Add(command);
        return command;
    }

    SqliteCommand OneOff(string sql, SqliteTransaction? transaction)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        _events.Dispose();
        foreach (var command in _commands)
            command.Dispose();
    }
}
