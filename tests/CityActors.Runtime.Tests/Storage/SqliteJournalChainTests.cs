using CityActors.Runtime.Storage;
using CityActors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>
/// SQLite keeps a grain's journal as a chain of events from a head held in memory and written to the file in bulk:
/// what a crash, a second writer, a checkpoint and a store of schema version 1 do to it.
/// </summary>
public sealed class SqliteJournalChainTests : IAsyncLifetime
{
    static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    static readonly GrainId Boiler = new("facility", "boiler-house-001");
    static readonly GrainId School = new("facility", "school-001");

    readonly string _path = Path.Combine(Path.GetTempPath(), $"cityactors-chain-{Guid.NewGuid():N}.db");
    readonly List<SqliteBackend> _backends = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends)
            await backend.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }

    [Fact]
    public async Task Start_AfterACrash_FindsTheHeadsOfEventsWrittenAfterTheMark()
    {
        var crashed = await OpenAsync();
        await crashed.CommitAsync([Append(Boiler, 0, 1, 2), Append(School, 0, 3)], default);
        await crashed.CommitAsync([Append(Boiler, 2, 4)], default);

        // The first backend is never closed, so it never writes its heads: as after a crash.
        var restarted = await OpenAsync();
        var stale = Append(Boiler, 2, 5);
        var current = Append(Boiler, 3, 6);
        await restarted.CommitAsync([stale], default);
        await restarted.CommitAsync([current], default);

        Assert.True(stale.Conflict);
        Assert.Equal("3", stale.CurrentETag);
        Assert.False(current.Conflict);
        Assert.Equal([1L, 2L, 3L, 4L], (await restarted.ReadJournalAsync(Boiler, 0, long.MaxValue, default)).Select(e => e.Version));
        Assert.Equal([1L, 2L, 4L, 6L], (await restarted.ReadJournalAsync(Boiler, 0, long.MaxValue, default)).Select(e => e.Position));
        Assert.Equal(1, await restarted.ReadJournalVersionAsync(School, default));
    }

    [Fact]
    public async Task Commit_AfterAnotherWriterAppended_SeesItsEventsAndRefusesAStaleVersion()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        await first.CommitAsync([Append(Boiler, 0, 1)], default);
        var fromSecond = Append(Boiler, 1, 2);
        await second.CommitAsync([fromSecond], default);

        var stale = Append(Boiler, 1, 3);
        await first.CommitAsync([stale], default);

        Assert.False(fromSecond.Conflict);
        Assert.True(stale.Conflict);
        Assert.Equal("2", stale.CurrentETag);
        Assert.Equal([1L, 2L], (await first.ReadJournalAsync(Boiler, 0, long.MaxValue, default)).Select(e => e.Position));
    }

    [Fact]
    public async Task Checkpoint_WritesEveryHeadAndTheMark_AndTheChainsReadTheSameAfterIt()
    {
        var backend = await OpenAsync(checkpointEvents: 3);
        await backend.CommitAsync([Append(Boiler, 0, 1), Append(School, 0, 2)], default);
        var beforeCheckpoint = await Table("SELECT count(*) FROM journal_heads");

        await backend.CommitAsync([Append(Boiler, 1, 3, 4)], default);
        await backend.CommitAsync([Append(School, 1, 5)], default);

        Assert.Equal(0L, beforeCheckpoint);
        Assert.Equal(4L, await Table("SELECT position FROM journal_mark"));
        Assert.Equal(3L, await Table("SELECT version FROM journal_heads WHERE grain_key = 'boiler-house-001'"));
        Assert.Equal(4L, await Table("SELECT position FROM journal_heads WHERE grain_key = 'boiler-house-001'"));
        Assert.Equal(1L, await Table("SELECT version FROM journal_heads WHERE grain_key = 'school-001'"));
        var reopened = await OpenAsync();
        Assert.Equal([1L, 3L, 4L], (await reopened.ReadJournalAsync(Boiler, 0, long.MaxValue, default)).Select(e => e.Position));
        Assert.Equal([2L, 5L], (await reopened.ReadJournalAsync(School, 0, long.MaxValue, default)).Select(e => e.Position));
    }

    [Fact]
    public async Task Dispose_WritesTheHeads_SoTheNextStartHasNothingToScan()
    {
        var backend = await OpenAsync();
        await backend.CommitAsync([Append(Boiler, 0, 1, 2), Append(School, 0, 3)], default);

        await backend.DisposeAsync();
        _backends.Remove(backend);

        Assert.Equal(3L, await Table("SELECT position FROM journal_mark"));
        Assert.Equal(2L, await Table("SELECT count(*) FROM journal_heads"));
    }

    [Fact]
    public async Task ReadJournal_VersionRangeInTheMiddleOfALongChain_ReturnsJustThatRange()
    {
        var backend = await OpenAsync();
        for (var version = 0; version < 50; version++)
            await backend.CommitAsync([Append(Boiler, version, 2 * version + 1), Append(School, version, 2 * version + 2)], default);

        var middle = await backend.ReadJournalAsync(Boiler, 10, 13, default);
        var byTime = await backend.ReadJournalByTimeAsync(School, T0.AddMinutes(96), T0.AddMinutes(100), default);

        Assert.Equal([11L, 12L, 13L], middle.Select(e => e.Version));
        Assert.Equal([21L, 23L, 25L], middle.Select(e => e.Position));
        Assert.Equal([96L, 98L], byTime.Select(e => e.Position));
    }

    [Fact]
    public async Task Start_OnAStoreOfSchemaVersion1_ChainsItsJournalsAndGoesOn()
    {
        await CreateVersion1StoreAsync();

        var backend = await OpenAsync();
        var next = Append(Boiler, 3, 8);
        await backend.CommitAsync([next], default);

        Assert.Equal(3, await backend.GetSchemaVersionAsync(default));
        Assert.False(next.Conflict);
        Assert.Equal([1L, 3L, 6L, 8L], (await backend.ReadJournalAsync(Boiler, 0, long.MaxValue, default)).Select(e => e.Position));
        Assert.Equal([2L, 4L], (await backend.ReadJournalAsync(School, 0, long.MaxValue, default)).Select(e => e.Position));
        Assert.Equal(2, await backend.ReadJournalVersionAsync(School, default));
        Assert.Equal(6L, await Table("SELECT position FROM journal_mark"));
        Assert.Equal(0L, await Table("SELECT count(*) FROM sqlite_master WHERE name = 'events_grain_version'"));
        Assert.Equal(0L, await Table("SELECT count(*) FROM sqlite_master WHERE name = 'events_stream'"));
    }

    [Fact]
    public async Task Commit_LeavesTheWalToTheCheckpointer_WhichCopiesItBackWhileTheStoreIsOpen()
    {
        var backend = await OpenAsync();
        var payload = new byte[64 * 1024];
        Random.Shared.NextBytes(payload);

        for (var i = 0; i < 32; i++)
            await backend.CommitAsync([new WriteStateOperation(new GrainId("archive", $"a{i}"), "state", null, payload)], default);

        // Two megabytes committed, below SQLite's own threshold (four): only the checkpointer copies them back so soon.
        await Support.Eventually.TrueAsync(() => new FileInfo(_path).Length > 2_000_000, "the database file holds the committed pages");
    }

    async Task<SqliteBackend> OpenAsync(int checkpointEvents = 1_000_000)
    {
        var backend = new SqliteBackend(new SqliteStorageOptions(_path, checkpointEvents));
        _backends.Add(backend);
        await backend.InitializeAsync(default);
        return backend;
    }

    /// <summary>One event per position, minutes after T0, with versions following the expected one.</summary>
    static AppendEventsOperation Append(GrainId grainId, long expectedVersion, params long[] positions)
        => new(grainId, expectedVersion, [.. positions.Select((position, i) => new StoredEvent(position, grainId, expectedVersion + i + 1,
            T0.AddMinutes(position), "city-events", "zhytomyr", "Tests.StatusChanged, Tests", [(byte)'{', (byte)'}']))]);

    async Task<long> Table(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A store as the first schema left it: events indexed by grain, two journals interleaved, one stream-only event.</summary>
    async Task CreateVersion1StoreAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_version VALUES (1, 0);
            CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, etag INTEGER NOT NULL,
                payload BLOB NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (grain_type, grain_key, state_name));
            CREATE TABLE events (position INTEGER NOT NULL PRIMARY KEY, grain_type TEXT, grain_key TEXT, version INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL, stream_namespace TEXT, stream_key TEXT, event_type TEXT NOT NULL, payload BLOB NOT NULL);
            CREATE UNIQUE INDEX events_grain_version ON events (grain_type, grain_key, version) WHERE grain_type IS NOT NULL;
            CREATE INDEX events_stream ON events (stream_namespace, position) WHERE stream_namespace IS NOT NULL;
            CREATE TABLE reminders (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, name TEXT NOT NULL, start_at INTEGER NOT NULL,
                period INTEGER NOT NULL, PRIMARY KEY (grain_type, grain_key, name)) WITHOUT ROWID;
            CREATE TABLE stream_cursors (consumer_type TEXT NOT NULL, consumer_key TEXT NOT NULL, stream_namespace TEXT NOT NULL,
                stream_key TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (consumer_type, consumer_key, stream_namespace, stream_key)) WITHOUT ROWID;
            INSERT INTO events VALUES
                (1, 'facility', 'boiler-house-001', 1, 1, 'city-events', 'zhytomyr', 'T', X'7B7D'),
                (2, 'facility', 'school-001', 1, 2, 'city-events', 'zhytomyr', 'T', X'7B7D'),
                (3, 'facility', 'boiler-house-001', 2, 3, 'city-events', 'zhytomyr', 'T', X'7B7D'),
                (4, 'facility', 'school-001', 2, 4, 'city-events', 'zhytomyr', 'T', X'7B7D'),
                (5, NULL, NULL, 0, 5, 'news', 'k', 'T', X'7B7D'),
                (6, 'facility', 'boiler-house-001', 3, 6, 'city-events', 'zhytomyr', 'T', X'7B7D');
            """;
        await command.ExecuteNonQueryAsync();
    }
}
