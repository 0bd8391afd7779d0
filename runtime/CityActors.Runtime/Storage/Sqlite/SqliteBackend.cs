using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>A backend in one SQLite database file: WAL journal, a full fsync per committed batch.</summary>
/// <remarks>
/// One long-lived connection writes, with its statements compiled once; reads take pooled connections of their
/// own, which WAL lets run while a batch commits. A grain's journal is a chain of events, each linked to the one
/// before it, from the head that <see cref="JournalHeads"/> keeps: one silo writes a file at a time (a second writer is
/// noticed at its next commit, and the heads are read again).
/// </remarks>
public sealed class SqliteBackend(SqliteStorageOptions options) : IStorageBackend
{
    const string EventColumns = "position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload";

    readonly string _readConnectionString = ConnectionString(options, pooling: true);
    readonly string _writeConnectionString = ConnectionString(options, pooling: false);

    readonly JournalHeads _heads = new(options.JournalCheckpointEvents);
    SqliteConnection? _writerConnection;
    SqliteWriter? _writer;
    SqliteCheckpointer? _checkpointer;

    public string Name => "sqlite";

    public Task<long> InitializeAsync(CancellationToken cancellationToken) => Run(() =>
    {
        if (_writerConnection is null)
        {
            var connection = new SqliteConnection(_writeConnectionString);
            connection.Open();
            // synchronous=FULL makes each commit fsync the WAL: a committed batch survives a process or power failure.
            // The WAL is copied back by the checkpointer, never by a commit; after it starts over, it is cut to 64 MB.
            // A new file gets 16 KB pages: a batch of events fills a few large pages of the tables' ends instead of
            // many small ones, so the WAL takes fewer frames (two writes each) per commit. A file keeps the page size
            // it was created with.
            Execute(connection, """
                PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;
                PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;
                """);
            _writerConnection = connection;
        }
        SqliteSchema.Migrate(_writerConnection);
        _writer ??= new SqliteWriter(_writerConnection, _heads);
        _writer.LoadHeads();
        _checkpointer ??= new SqliteCheckpointer(_writeConnectionString);
        return _writer.LastPosition;
    });

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => Read(SqliteSchema.ReadVersion);

    public Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken) => Run(() =>
    {
        var writer = _writer ?? throw new InvalidOperationException("InitializeAsync has not run.");
        writer.Commit(batch);
        _checkpointer?.Committed();
        return true;
    });

    public Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) => Read(connection =>
    {
        using var command = Command(connection,
            "SELECT etag, payload FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n",
            ("$t", grainId.Type), ("$k", grainId.Key), ("$n", stateName));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredState(ETags.Format(reader.GetInt64(0)), reader.GetFieldValue<byte[]>(1))
            : null;
    });

    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grainId, long fromVersion, long toVersion, CancellationToken cancellationToken)
        => Read<IReadOnlyList<StoredEvent>>(connection => Head(connection, grainId) is { Version: var version, Position: var head } && version > fromVersion && toVersion > fromVersion
            // Walk back from the head no further than the first version asked for.
            ? ReadEvents(connection, $"""
                WITH RECURSIVE chain (position, prev, version) AS (
                    SELECT position, prev_position, version FROM events WHERE position = $head
                    UNION ALL
                    SELECT e.position, e.prev_position, e.version FROM chain JOIN events e ON e.position = chain.prev WHERE chain.version > $from + 1
                )
                SELECT {EventColumns} FROM events
                WHERE position IN (SELECT position FROM chain WHERE version > $from AND version <= $to) AND grain_type = $t AND grain_key = $k
                ORDER BY position
                """, ("$head", head), ("$t", grainId.Type), ("$k", grainId.Key), ("$from", fromVersion), ("$to", toVersion))
            : []);

    public Task<IReadOnlyList<StoredEvent>> ReadJournalByTimeAsync(GrainId grainId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => Read<IReadOnlyList<StoredEvent>>(connection => Head(connection, grainId) is { Version: > 0, Position: var head } && to > from
            // The whole chain: acceptance times need not rise with the version if the clock was set back.
            ? ReadEvents(connection, $"""
                WITH RECURSIVE chain (position, prev) AS (
                    SELECT position, prev_position FROM events WHERE position = $head
                    UNION ALL
                    SELECT e.position, e.prev_position FROM chain JOIN events e ON e.position = chain.prev
                )
                SELECT {EventColumns} FROM events
                WHERE position IN (SELECT position FROM chain) AND grain_type = $t AND grain_key = $k AND occurred_at >= $from AND occurred_at < $to
                ORDER BY position
                """, ("$head", head), ("$t", grainId.Type), ("$k", grainId.Key), ("$from", from.UtcTicks), ("$to", to.UtcTicks))
            : []);

    public Task<long> ReadJournalVersionAsync(GrainId grainId, CancellationToken cancellationToken)
        => Read(connection => Head(connection, grainId).Version);

    /// <summary>The grain's journal head: held in memory if the grain was written since the mark, else in the table.</summary>
    JournalHead Head(SqliteConnection connection, GrainId grainId)
    {
        if (_heads.TryGet(grainId, out var head))
            return head;
        using var command = Command(connection,
            "SELECT version, position FROM journal_heads WHERE grain_type = $t AND grain_key = $k",
            ("$t", grainId.Type), ("$k", grainId.Key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new JournalHead(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamNamespace, long afterPosition, long upToPosition, int maxCount, CancellationToken cancellationToken)
        => maxCount <= 0
            ? Task.FromResult<IReadOnlyList<StoredEvent>>([])
            : Read(connection => ReadEvents(connection, $"""
                SELECT {EventColumns} FROM events
                WHERE stream_namespace = $ns AND position > $after AND position <= $upTo ORDER BY position LIMIT $max
                """, ("$ns", streamNamespace), ("$after", afterPosition), ("$upTo", upToPosition), ("$max", maxCount)));

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken) => Read<IReadOnlyList<ReminderEntry>>(connection =>
    {
        using var command = Command(connection, "SELECT grain_type, grain_key, name, start_at, period FROM reminders");
        using var reader = command.ExecuteReader();
        var reminders = new List<ReminderEntry>();
        while (reader.Read())
        {
            reminders.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), TimeSpan.FromTicks(reader.GetInt64(4))));
        }
        return reminders;
    });

    public Task<IReadOnlyList<StreamCursor>> ReadCursorsAsync(CancellationToken cancellationToken) => Read<IReadOnlyList<StreamCursor>>(connection =>
    {
        using var command = Command(connection, "SELECT consumer_type, consumer_key, stream_namespace, stream_key, position FROM stream_cursors");
        using var reader = command.ExecuteReader();
        var cursors = new List<StreamCursor>();
        while (reader.Read())
        {
            cursors.Add(new StreamCursor(
                new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }
        return cursors;
    });

    static IReadOnlyList<StoredEvent> ReadEvents(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            GrainId? grainId = reader.IsDBNull(1) ? null : new GrainId(reader.GetString(1), reader.GetString(2));
            events.Add(new StoredEvent(
                reader.GetInt64(0), grainId, reader.GetInt64(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7), reader.GetFieldValue<byte[]>(8)));
        }
        return events;
    }

    /// <summary>Runs a read on a pooled connection of its own, never the writer's.</summary>
    Task<T> Read<T>(Func<SqliteConnection, T> read) => Run(() =>
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return read(connection);
    });

    /// <summary>Microsoft.Data.Sqlite does its work synchronously anyway; this only hands failures back as faulted tasks.</summary>
    static Task<T> Run<T>(Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    static string ConnectionString(SqliteStorageOptions options, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DataSource,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
        // Seconds a statement retries while another connection holds a lock it needs.
        DefaultTimeout = 30,
    }.ToString();

    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
            _checkpointer = null;
        }
        try
        {
            // A clean close leaves the heads in the table, so the next start scans nothing.
            _writer?.CheckpointHeads();
        }
        catch (SqliteException)
        {
            // Not written, nothing lost: the next start finds the heads by scanning the events after the mark.
        }
        _writer?.Dispose();
        _writer = null;
        if (_writerConnection is not null)
        {
            _writerConnection.Dispose();
            _writerConnection = null;
        }
        // Leave no file handle behind in the read pool, so the file can be moved or deleted once the backend is gone.
        using (var pooled = new SqliteConnection(_readConnectionString))
            SqliteConnection.ClearPool(pooled);
    }
}
