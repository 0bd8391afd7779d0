using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>Appends journal events through SQLite's own statement API: one prepared insert, bound by index, per event.</summary>
/// <remarks>
/// Events are most of what the store writes, so their path skips the ADO.NET layer (a data reader, a parameter binder and
/// a name lookup per parameter on every execution). Not thread-safe: it belongs to the writer connection, whose
/// transaction holds the write lock, so the version read before the inserts is still the version when they run.
/// </remarks>
internal sealed class SqliteEventInserter : IDisposable
{
    const int MaxCachedTexts = 4096;

    readonly sqlite3 _db;
    readonly sqlite3_stmt _insert;
    readonly sqlite3_stmt _version;
    // Grain types, stream names and event types repeat on every event: encode each once.
    readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    byte[] _buffer = new byte[256];

    public SqliteEventInserter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _insert = Prepare("""
            INSERT INTO events (position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
        _version = Prepare("SELECT coalesce(max(version), 0) FROM events WHERE grain_type = ?1 AND grain_key = ?2");
    }

    /// <summary>Inserts every event of the append if the grain's journal is at the expected version; else marks a conflict.</summary>
    public void Append(AppendEventsOperation append)
    {
        string? type = null, key = null;
        if (append.GrainId is { } grainId)
        {
            (type, key) = grainId;
            var version = CurrentVersion(type, key);
            if (version != append.ExpectedVersion)
            {
                append.Conflict = true;
                append.CurrentETag = ETags.Format(version);
                return;
            }
        }
        foreach (var e in append.Events)
            Insert(e, type, key);
    }

    void Insert(StoredEvent e, string? type, string? key)
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
            var rc = raw.sqlite3_step(_insert);
            if (rc != raw.SQLITE_DONE)
                Check(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc);
        }
        finally
        {
            raw.sqlite3_reset(_insert);
        }
    }

    long CurrentVersion(string type, string key)
    {
        try
        {
            BindText(_version, 1, type, cache: true);
            BindText(_version, 2, key, cache: false);
            var rc = raw.sqlite3_step(_version);
            if (rc != raw.SQLITE_ROW)
                Check(rc);
            return raw.sqlite3_column_int64(_version, 0);
        }
        finally
        {
            raw.sqlite3_reset(_version);
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
        _version.Dispose();
    }
}
