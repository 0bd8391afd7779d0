using CityActors.Runtime.Storage.Postgres;
using CityActors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CityActors.Runtime.Storage;

/// <summary>How far a copy has come: the table being copied and the rows of it copied so far.</summary>
public readonly record struct StorageCopyProgress(string Table, long Rows, long TableRows);

/// <summary>What a copy moved, per table.</summary>
public sealed record StorageCopyResult(long GrainStates, long Events, long Reminders, long StreamCursors);

/// <summary>
/// Copies everything an SQLite store holds (grain state, journals and streams, reminders, stream cursors) into an
/// empty PostgreSQL schema: the way from the embedded default to a server. The source is read in one transaction, so
/// the copy is one consistent moment even if something still writes; stop the silo first anyway, or writes after
/// that moment stay behind. The target is written in one transaction that also creates the schema and its tables (as a
/// silo's start would): it has all of it or none, and a failed copy leaves the target as it found it.
/// </summary>
public static class StorageCopy
{
    const int ProgressEvery = 10_000;

    public static async Task<StorageCopyResult> SqliteToPostgresAsync(
        string sqlitePath,
        string postgresConnectionString,
        string schema,
        IProgress<StorageCopyProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgresConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        if (!File.Exists(sqlitePath))
            throw new FileNotFoundException($"There is no SQLite store at {sqlitePath}.", sqlitePath);

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);
        var sourceVersion = SqliteSchema.ReadVersion(source);
        if (sourceVersion != SqliteSchema.CurrentVersion)
            throw new InvalidOperationException($"The SQLite store is at schema version {sourceVersion}; start the silo on it once to migrate it to version {SqliteSchema.CurrentVersion}, then copy.");
        await using var read = (SqliteTransaction)await source.BeginTransactionAsync(cancellationToken);

        await using var target = new NpgsqlConnection(postgresConnectionString);
        await target.OpenAsync(cancellationToken);
        // The schema and its tables are created in the copy's own transaction: a failed copy rolls them back with the
        // rows, and a silo starting on this schema meanwhile waits for the migration lock instead of seeing it half done.
        await using var write = await target.BeginTransactionAsync(cancellationToken);
        await PostgresSchema.MigrateInTransactionAsync(target, schema, cancellationToken);
        var quoted = PostgresSchema.Quote(schema);
        await RefuseUnlessEmptyAsync(target, quoted, cancellationToken);
        var result = await CopyTablesAsync(source, target, quoted, progress, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return result;
    }

    static async Task<StorageCopyResult> CopyTablesAsync(
        SqliteConnection source, NpgsqlConnection target, string quoted, IProgress<StorageCopyProgress>? progress, CancellationToken cancellationToken)
        => new(
            await CopyAsync(source, target, "grain_state", $"COPY {quoted}.grain_state (grain_type, grain_key, state_name, etag, payload, updated_at) FROM STDIN (FORMAT BINARY)",
                "SELECT grain_type, grain_key, state_name, etag, payload, updated_at FROM grain_state", (r, w) =>
                {
                    w.Write(r.GetString(0), NpgsqlDbType.Text);
                    w.Write(r.GetString(1), NpgsqlDbType.Text);
                    w.Write(r.GetString(2), NpgsqlDbType.Text);
                    w.Write(r.GetInt64(3), NpgsqlDbType.Bigint);
                    w.Write((byte[])r.GetValue(4), NpgsqlDbType.Bytea);
                    w.Write(Time(r.GetInt64(5)), NpgsqlDbType.TimestampTz);
                }, progress, cancellationToken),
            await CopyAsync(source, target, "events", $"COPY {quoted}.events (position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload) FROM STDIN (FORMAT BINARY)",
                "SELECT position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload FROM events ORDER BY position", (r, w) =>
                {
                    w.Write(r.GetInt64(0), NpgsqlDbType.Bigint);
                    WriteNullable(w, r, 1);
                    WriteNullable(w, r, 2);
                    w.Write(r.GetInt64(3), NpgsqlDbType.Bigint);
                    w.Write(Time(r.GetInt64(4)), NpgsqlDbType.TimestampTz);
                    WriteNullable(w, r, 5);
                    WriteNullable(w, r, 6);
                    w.Write(r.GetString(7), NpgsqlDbType.Text);
                    w.Write((byte[])r.GetValue(8), NpgsqlDbType.Bytea);
                }, progress, cancellationToken),
            await CopyAsync(source, target, "reminders", $"COPY {quoted}.reminders (grain_type, grain_key, name, start_at, period) FROM STDIN (FORMAT BINARY)",
                "SELECT grain_type, grain_key, name, start_at, period FROM reminders", (r, w) =>
                {
                    w.Write(r.GetString(0), NpgsqlDbType.Text);
                    w.Write(r.GetString(1), NpgsqlDbType.Text);
                    w.Write(r.GetString(2), NpgsqlDbType.Text);
                    w.Write(Time(r.GetInt64(3)), NpgsqlDbType.TimestampTz);
                    w.Write(TimeSpan.FromTicks(r.GetInt64(4)), NpgsqlDbType.Interval);
                }, progress, cancellationToken),
            await CopyAsync(source, target, "stream_cursors", $"COPY {quoted}.stream_cursors (consumer_type, consumer_key, stream_namespace, stream_key, position) FROM STDIN (FORMAT BINARY)",
                "SELECT consumer_type, consumer_key, stream_namespace, stream_key, position FROM stream_cursors", (r, w) =>
                {
                    w.Write(r.GetString(0), NpgsqlDbType.Text);
                    w.Write(r.GetString(1), NpgsqlDbType.Text);
                    w.Write(r.GetString(2), NpgsqlDbType.Text);
                    w.Write(r.GetString(3), NpgsqlDbType.Text);
                    w.Write(r.GetInt64(4), NpgsqlDbType.Bigint);
                }, progress, cancellationToken));

    static async Task RefuseUnlessEmptyAsync(NpgsqlConnection target, string quoted, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM {quoted}.grain_state LIMIT 1) s)
                 + (SELECT count(*) FROM (SELECT 1 FROM {quoted}.events LIMIT 1) e)
                 + (SELECT count(*) FROM (SELECT 1 FROM {quoted}.reminders LIMIT 1) r)
                 + (SELECT count(*) FROM (SELECT 1 FROM {quoted}.stream_cursors LIMIT 1) c)
            """, target);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
            throw new InvalidOperationException($"The PostgreSQL schema {quoted} already holds data; copy only into an empty schema.");
    }

    static async Task<long> CopyAsync(
        SqliteConnection source,
        NpgsqlConnection target,
        string table,
        string copy,
        string select,
        Action<SqliteDataReader, NpgsqlBinaryImporter> row,
        IProgress<StorageCopyProgress>? progress,
        CancellationToken cancellationToken)
    {
        var total = Count(source, table);
        progress?.Report(new StorageCopyProgress(table, 0, total));
        await using var importer = await target.BeginBinaryImportAsync(copy, cancellationToken);
        using var command = source.CreateCommand();
        command.CommandText = select;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            row(reader, importer);
            if (++rows % ProgressEvery == 0)
                progress?.Report(new StorageCopyProgress(table, rows, total));
        }
        await importer.CompleteAsync(cancellationToken);
        progress?.Report(new StorageCopyProgress(table, rows, total));
        return rows;
    }

    static long Count(SqliteConnection source, string table)
    {
        using var command = source.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    static void WriteNullable(NpgsqlBinaryImporter writer, SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
            writer.WriteNull();
        else
            writer.Write(reader.GetString(ordinal), NpgsqlDbType.Text);
    }

    static DateTime Time(long utcTicks) => new(utcTicks, DateTimeKind.Utc);
}
