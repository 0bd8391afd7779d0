using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>Appends journal events through SQLite's own statement API: one prepared insert, bound by index, per event.</summary>
/// <remarks>
/// Events are most of what the store writes, so their path skips the ADO.NET layer (a data reader, a parameter binder and
/// a name lookup per parameter on every execution). Each event of a grain links to the grain's previous event, whose
/// position the journal heads hold, so an append costs one insert at the end of the table and nothing else. Not
/// thread-safe: it belongs to the writer connection, whose transaction holds the write lock.
/// </remarks>
internal sealed class SqliteEventInserter : IDisposable
{
    const int MaxCachedTexts = 4096;

    readonly sqlite3 _db;
    readonly sqlite3_stmt _insert;
    readonly sqlite3_stmt _readHead;
    readonly JournalHeads _heads;
    // Heads this batch moved: published only once the batch is committed.
    readonly Dictionary<GrainId, JournalHead> _batchHeads = [];
    // Grain types, stream names and event types repeat on every event: encode each once.
    readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    byte[] _buffer = new byte[256];

    public SqliteEventInserter(SqliteConnection connection, JournalHeads heads)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _heads = heads;
        _insert = Prepare("""
            INSERT INTO events (position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload, prev_position)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        _readHead = Prepare("SELECT version, position FROM journal_heads WHERE grain_type = ?1 AND grain_key = ?2");
    }

    /// <summary>The heads the current batch moved, to publish after it commits.</summary>
    public IReadOnlyDictionary<GrainId, JournalHead> BatchHeads => _batchHeads;

    /// <summary>Events the current batch inserted.</summary>
    public int BatchEvents { get; private set; }

    /// <summary>Forgets the current batch's heads: call at the start of each batch, committed or not.</summary>
    public void BeginBatch()
    {
        _batchHeads.Clear();
        BatchEvents = 0;
    }

    /// <summary>Inserts every event of the append if the grain's journal is at the expected version; else marks a conflict.</summary>
    public void Append(AppendEventsOperation append)
    {
        if (append.GrainId is not { } grainId)
        {
            foreach (var e in append.Events)
                Insert(e, null, null, 0);
            BatchEvents += append.Events.Count;
            return;
        }
        var head = Head(grainId);
        if (head.Version != append.ExpectedVersion)
        {
            append.Conflict = true;
            append.CurrentETag = ETags.Format(head.Version);
            return;
        }
        var previous = head.Position;
        foreach (var e in append.Events)
        {
            Insert(e, grainId.Type, grainId.Key, previous);
            previous = e.Position;
        }
        if (append.Events.Count > 0)
        {
            _batchHeads[grainId] = new JournalHead(append.Events[^1].Version, previous);
            BatchEvents += append.Events.Count;
        }
    }

    /// <summary>The grain's head as this batch sees it: moved by this batch, published, or in the table.</summary>
    JournalHead Head(GrainId grainId)
    {
        if (_batchHeads.TryGetValue(grainId, out var head) || _heads.TryGet(grainId, out head))
            return head;
        head = ReadHead(grainId.Type, grainId.Key);
        _heads.Remember(grainId, head);
        return head;
    }

    void Insert(StoredEvent e, string? type, string? key, long previous)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_insert, 1, e.Position));
            BindText(_insert, 2, type, cache: true);
            BindText(_insert, 3, key, cache: false);
            Check(raw.sqlite3_bind_int64(_insert, 4, e.Version));
            Check(raw.sqlite3_bind_int64(_insert, 5, e.Timestamp.UtcTicks));
            BindText(_insert, 6, e.StreamNamespace, cache: true);
            BindText(_insert, 7, e.StreamKey, cache: true);
            BindText(_insert, 8, e.EventType, cache: true);
            // An empty span binds as NULL, which the column refuses.
            Check(e.Payload.Length == 0 ? raw.sqlite3_bind_zeroblob(_insert, 9, 0) : raw.sqlite3_bind_blob(_insert, 9, e.Payload));
            Check(previous == 0 ? raw.sqlite3_bind_null(_insert, 10) : raw.sqlite3_bind_int64(_insert, 10, previous));
            var rc = raw.sqlite3_step(_insert);
            if (rc != raw.SQLITE_DONE)
                Check(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc);
        }
        finally
        {
            raw.sqlite3_reset(_insert);
        }
    }

    JournalHead ReadHead(string type, string key)
    {
        try
        {
            BindText(_readHead, 1, type, cache: true);
            BindText(_readHead, 2, key, cache: false);
            var rc = raw.sqlite3_step(_readHead);
            if (rc == raw.SQLITE_DONE)
                return default;
            if (rc != raw.SQLITE_ROW)
                Check(rc);
            return new JournalHead(raw.sqlite3_column_int64(_readHead, 0), raw.sqlite3_column_int64(_readHead, 1));
        }
        finally
        {
            raw.sqlite3_reset(_readHead);
        }
    }

    void BindText(sqlite3_stmt statement, int index, string? text, bool cache)
    {
        if (text is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }
        if (text.Length == 0)
        {
            // An empty span binds as NULL; the string overload binds an empty text.
            Check(raw.sqlite3_bind_text(statement, index, ""));
            return;
        }
        if (cache && _utf8.TryGetValue(text, out var cached))
        {
            Check(raw.sqlite3_bind_text(statement, index, cached));
            return;
        }
        var length = Encoding.UTF8.GetByteCount(text);
        if (cache && _utf8.Count < MaxCachedTexts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            _utf8[text] = bytes;
            Check(raw.sqlite3_bind_text(statement, index, bytes));
            return;
        }
        if (_buffer.Length < length)
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        var written = Encoding.UTF8.GetBytes(text, _buffer);
        // SQLite copies the value (SQLITE_TRANSIENT), so the buffer can be reused for the next one.
        Check(raw.sqlite3_bind_text(statement, index, _buffer.AsSpan(0, written)));
    }

    void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _readHead.Dispose();
    }
}
