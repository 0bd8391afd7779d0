using Npgsql;

namespace CityActors.Runtime.Storage.Postgres;

/// <summary>A backend in one schema of a PostgreSQL database; a batch commits in one transaction of a few round trips.</summary>
/// <remarks>
/// One long-lived connection writes; reads take pooled connections of their own. Statements are prepared
/// automatically once they repeat.
/// </remarks>
public sealed class PostgresBackend : IStorageBackend
{
    const string EventColumns = "position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload";

    readonly string _schema;
    readonly string _quotedSchema;
    readonly NpgsqlDataSource _dataSource;
    readonly PostgresWriter _writer;

    public PostgresBackend(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _schema = options.Schema;
        _quotedSchema = PostgresSchema.Quote(options.Schema);
        var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (connectionString.MaxAutoPrepare == 0)
            connectionString.MaxAutoPrepare = 64;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writer = new PostgresWriter(_dataSource, new PostgresStatements(_quotedSchema));
    }

    public string Name => "postgres";

    public async Task<long> InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresSchema.MigrateAsync(connection, _schema, cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(position), 0) FROM {_quotedSchema}.events", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresSchema.ReadVersionAsync(connection, _quotedSchema, cancellationToken);
    }

    public Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken)
        => _writer.CommitAsync(batch, cancellationToken);

    public async Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"SELECT etag, payload FROM {_quotedSchema}.grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3",
            grainId.Type, grainId.Key, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredState(ETags.Format(reader.GetInt64(0)), reader.GetFieldValue<byte[]>(1))
            : null;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grainId, long fromVersion, long toVersion, CancellationToken cancellationToken)
        => ReadEventsAsync($"""
            SELECT {EventColumns} FROM {_quotedSchema}.events
            WHERE grain_type = $1 AND grain_key = $2 AND version > $3 AND version <= $4 ORDER BY version
            """, cancellationToken, grainId.Type, grainId.Key, fromVersion, toVersion);

    public Task<IReadOnlyList<StoredEvent>> ReadJournalByTimeAsync(GrainId grainId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => ReadEventsAsync($"""
            SELECT {EventColumns} FROM {_quotedSchema}.events
            WHERE grain_type = $1 AND grain_key = $2 AND occurred_at >= $3 AND occurred_at < $4 ORDER BY version
            """, cancellationToken, grainId.Type, grainId.Key, from.UtcDateTime, to.UtcDateTime);

    public async Task<long> ReadJournalVersionAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"SELECT coalesce(max(version), 0) FROM {_quotedSchema}.events WHERE grain_type = $1 AND grain_key = $2", grainId.Type, grainId.Key);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamNamespace, long afterPosition, long upToPosition, int maxCount, CancellationToken cancellationToken)
        => maxCount <= 0
            ? Task.FromResult<IReadOnlyList<StoredEvent>>([])
            : ReadEventsAsync($"""
                SELECT {EventColumns} FROM {_quotedSchema}.events
                WHERE stream_namespace = $1 AND position > $2 AND position <= $3 ORDER BY position LIMIT $4
                """, cancellationToken, streamNamespace, afterPosition, upToPosition, maxCount);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT grain_type, grain_key, name, start_at, period FROM {_quotedSchema}.reminders");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reminders = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<TimeSpan>(4)));
        }
        return reminders;
    }

    public async Task<IReadOnlyList<StreamCursor>> ReadCursorsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT consumer_type, consumer_key, stream_namespace, stream_key, position FROM {_quotedSchema}.stream_cursors");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cursors = new List<StreamCursor>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cursors.Add(new StreamCursor(
                new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }
        return cursors;
    }

    async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            GrainId? grainId = reader.IsDBNull(1) ? null : new GrainId(reader.GetString(1), reader.GetString(2));
            events.Add(new StoredEvent(
                reader.GetInt64(0), grainId, reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7), reader.GetFieldValue<byte[]>(8)));
        }
        return events;
    }

    /// <summary>A command that runs on a pooled connection of its own, never the writer's.</summary>
    NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.AddWithValue(value);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
