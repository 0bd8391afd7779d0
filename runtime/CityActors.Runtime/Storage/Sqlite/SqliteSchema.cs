using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>The SQLite schema as an ordered list of migrations: entry <c>i</c> takes a store from version <c>i</c> to <c>i + 1</c>.</summary>
/// <remarks>
/// Times are UTC ticks (100 ns) and periods are ticks, so they read back exactly. Grain type and key are separate
/// text columns compared with SQLite's default binary collation, so any string is a key of its own.
/// </remarks>
internal static class SqliteSchema
{
    static readonly string[] Migrations =
    [
        // Version 1.
        """
        CREATE TABLE grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        );

        -- The position is the rowid: positions arrive increasing, so events are appended at the end of the table.
        CREATE TABLE events (
            position INTEGER NOT NULL PRIMARY KEY,
            grain_type TEXT,
            grain_key TEXT,
            version INTEGER NOT NULL,
            occurred_at INTEGER NOT NULL,
            stream_namespace TEXT,
            stream_key TEXT,
            event_type TEXT NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE UNIQUE INDEX events_grain_version ON events (grain_type, grain_key, version) WHERE grain_type IS NOT NULL;
        CREATE INDEX events_stream ON events (stream_namespace, position) WHERE stream_namespace IS NOT NULL;

        CREATE TABLE reminders (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            name TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        ) WITHOUT ROWID;

        CREATE TABLE stream_cursors (
            consumer_type TEXT NOT NULL,
            consumer_key TEXT NOT NULL,
            stream_namespace TEXT NOT NULL,
            stream_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (consumer_type, consumer_key, stream_namespace, stream_key)
        ) WITHOUT ROWID;
        """,

        // Version 2: a grain's events are chained instead of indexed. An index by grain takes one random page
        // write per event, four kilobytes of WAL for a hundred bytes of event; a chain link costs nothing extra.
        // The head of each chain is kept in memory while the silo runs and written to journal_heads in bulk;
        // events after journal_mark are not reflected there yet and are scanned at start.
        """
        ALTER TABLE events ADD COLUMN prev_position INTEGER;
        UPDATE events SET prev_position = (
            SELECT p.position FROM events p
            WHERE p.grain_type = events.grain_type AND p.grain_key = events.grain_key AND p.version = events.version - 1)
        WHERE grain_type IS NOT NULL AND version > 1;

        CREATE TABLE journal_heads (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        ) WITHOUT ROWID;
        -- SQLite takes the bare column position from the row that holds max(version).
        INSERT INTO journal_heads (grain_type, grain_key, version, position)
        SELECT grain_type, grain_key, max(version), position FROM events WHERE grain_type IS NOT NULL GROUP BY grain_type, grain_key;

        CREATE TABLE journal_mark (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL
        );
        INSERT INTO journal_mark (id, position) SELECT 1, coalesce(max(position), 0) FROM events;

        DROP INDEX events_grain_version;
        """,

        // Version 3: stream reads walk the events by position, filtering the namespace, instead of an index by namespace.
        // The index cost a B-tree insert and a page in every commit per event; the walk reads what a catch-up or a
        // rebuild reads anyway when most events are on streams, as a city's are.
        """
        DROP INDEX events_stream;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies the migrations the database lacks, in one transaction; returns the version it was at.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE: two processes opening one new file take turns instead of both creating the tables.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)");
        var version = ReadVersion(connection);
        if (version > CurrentVersion)
            throw new InvalidOperationException($"The database is at schema version {version}; this runtime knows versions up to {CurrentVersion}.");
        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            Execute(connection, Migrations[next - 1]);
            Execute(connection, "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at)", ("$v", next), ("$at", DateTime.UtcNow.Ticks));
        }
        transaction.Commit();
        return version;
    }

    /// <summary>The version the database is at; 0 when it has no version table yet.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((long)exists.ExecuteScalar()! == 0)
            return 0;
        using var version = connection.CreateCommand();
        version.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return (int)(long)version.ExecuteScalar()!;
    }

    static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
