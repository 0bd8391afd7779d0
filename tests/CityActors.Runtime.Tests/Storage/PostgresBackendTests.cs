using CityActors.Runtime.Storage;
using CityActors.Runtime.Storage.Postgres;
using Npgsql;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>The contract against PostgreSQL, in a fresh schema per test.</summary>
/// <remarks>The server is required: when it cannot be reached every test fails, none is skipped.</remarks>
public sealed class PostgresBackendTests : StorageBackendContract
{
    static readonly string ConnectionString = Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    readonly string _schema = $"t_{Guid.NewGuid():N}";

    protected override int SchemaVersion => 2;

    protected override Task<IStorageBackend> CreateBackendAsync()
        => Task.FromResult<IStorageBackend>(new PostgresBackend(new PostgresStorageOptions(ConnectionString, _schema)));

    protected override async Task DeleteStoreAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task InitializeAsync_CreatesEveryTableInTheGivenSchema()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", connection);
        command.Parameters.AddWithValue(_schema);

        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        Assert.Equal(["events", "grain_state", "reminders", "schema_version", "stream_cursors"], tables);
    }

    [Fact]
    public async Task GetSchemaVersionAsync_SchemaNotCreated_ReturnsZero()
    {
        await using var fresh = new PostgresBackend(new PostgresStorageOptions(ConnectionString, $"never_{Guid.NewGuid():N}"));

        var version = await fresh.GetSchemaVersionAsync(None);

        Assert.Equal(0, version);
    }

    [Fact]
    public async Task CommitAsync_AppendRacingAnotherWriter_MarksConflictAndTakesBackItsEvents()
    {
        var grain = new GrainId("account", "raced");
        await using var other = await BeginOtherWriterAsync();
        await ExecuteAsync(other, $"""
            INSERT INTO "{_schema}".events (position, grain_type, grain_key, version, occurred_at, event_type, payload)
            VALUES (100, 'account', 'raced', 2, now(), 'Other', '\x00')
            """);
        var append = Append(grain, 0, Event(1, grain, 1), Event(2, grain, 2));

        // The commit inserts version 1, then waits on the other writer's uncommitted version 2.
        var commit = Backend.CommitAsync([append], None);
        await WaitUntilBlockedAsync();
        await ExecuteAsync(other, "COMMIT");
        await commit;

        Assert.True(append.Conflict);
        Assert.Equal("2", append.CurrentETag);
        Assert.Equal([100L], (await Backend.ReadJournalAsync(grain, 0, long.MaxValue, None)).Select(e => e.Position));
    }

    [Fact]
    public async Task CommitAsync_AppendAtItsLastHeadAfterAnotherWriterAppended_MarksConflictAndTakesBackItsEvents()
    {
        var grain = new GrainId("account", "shared");
        await Backend.CommitAsync([Append(grain, 0, Event(1, grain, 1))], None);
        // Another silo on the same schema appends version 2 after this backend wrote version 1.
        await using (var other = new NpgsqlConnection(ConnectionString))
        {
            await other.OpenAsync();
            await ExecuteAsync(other, $"""
                INSERT INTO "{_schema}".events (position, grain_type, grain_key, version, occurred_at, event_type, payload)
                VALUES (100, 'account', 'shared', 2, now(), 'Other', '\x00')
                """);
        }
        var bystander = new GrainId("account", "bystander");
        await Backend.CommitAsync([Append(bystander, 0, Event(5, bystander, 1))], None);
        var append = Append(grain, 1, Event(2, grain, 2), Event(3, grain, 3));
        var unrelated = Append(bystander, 1, Event(6, bystander, 2));

        // The batch fails on the unique index, and is committed again with every head checked against the table.
        await Backend.CommitAsync([append, unrelated], None);

        Assert.True(append.Conflict);
        Assert.Equal("2", append.CurrentETag);
        Assert.Equal([1L, 100L], (await Backend.ReadJournalAsync(grain, 0, long.MaxValue, None)).Select(e => e.Position));
        Assert.False(unrelated.Conflict);
        Assert.Equal([5L, 6L], (await Backend.ReadJournalAsync(bystander, 0, long.MaxValue, None)).Select(e => e.Position));
        var retried = Append(grain, 2, Event(7, grain, 3));
        await Backend.CommitAsync([retried], None);
        Assert.False(retried.Conflict);
        Assert.Equal([1L, 100L, 7L], (await Backend.ReadJournalAsync(grain, 0, long.MaxValue, None)).Select(e => e.Position));
    }

    [Fact]
    public async Task CommitAsync_AppendBeyondTheHeadItWrote_MarksConflict()
    {
        var grain = new GrainId("account", "gap");
        await Backend.CommitAsync([Append(grain, 0, Event(1, grain, 1))], None);
        var append = Append(grain, 5, Event(2, grain, 6));

        await Backend.CommitAsync([append], None);

        Assert.True(append.Conflict);
        Assert.Equal("1", append.CurrentETag);
        Assert.Equal([1L], (await Backend.ReadJournalAsync(grain, 0, long.MaxValue, None)).Select(e => e.Position));
    }

    [Fact]
    public async Task CommitAsync_StateWriteRacingAnotherWriter_MarksConflictAndCommitsTheRest()
    {
        var raced = new GrainId("counter", "raced");
        var bystander = new GrainId("counter", "bystander");
        await using var other = await BeginOtherWriterAsync();
        await ExecuteAsync(other, $"""
            INSERT INTO "{_schema}".grain_state (grain_type, grain_key, state_name, etag, payload, updated_at)
            VALUES ('counter', 'raced', 'state', 1, '\x6f74686572', now())
            """);
        var write = Write(raced, null, "mine");
        var unrelated = Write(bystander, null, "kept");

        var commit = Backend.CommitAsync([write, unrelated], None);
        await WaitUntilBlockedAsync();
        await ExecuteAsync(other, "COMMIT");
        await commit;

        Assert.True(write.Conflict);
        Assert.Equal("1", write.CurrentETag);
        Assert.Equal("other", Text((await Backend.ReadStateAsync(raced, "state", None))!.Payload));
        Assert.Equal("kept", Text((await Backend.ReadStateAsync(bystander, "state", None))!.Payload));
    }

    async Task<NpgsqlConnection> BeginOtherWriterAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "BEGIN");
        return connection;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until a statement on this test's schema waits for a row lock.</summary>
    async Task WaitUntilBlockedAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND strpos(query, $1) > 0", connection);
        command.Parameters.AddWithValue(_schema);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The commit never waited for the other writer.");
            await Task.Delay(10);
        }
    }
}
