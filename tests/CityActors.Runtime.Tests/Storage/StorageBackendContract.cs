using System.Text;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>What every storage backend must do; each backend's test class runs all of it against a store of its own.</summary>
/// <remarks>xunit makes a new instance, so a new empty store, for every test.</remarks>
public abstract partial class StorageBackendContract : IAsyncLifetime
{
    /// <summary>A time with microseconds, the precision the runtime hands to backends.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_358_970);

    protected static readonly CancellationToken None = CancellationToken.None;

    bool _initialized;

    protected IStorageBackend Backend { get; private set; } = null!;

    /// <summary>The schema version this backend's code creates and migrates to.</summary>
    protected virtual int SchemaVersion => 1;

    /// <summary>A new backend instance over this test's store: the same file or schema on every call.</summary>
    protected abstract Task<IStorageBackend> CreateBackendAsync();

    /// <summary>Removes this test's store once its backend is disposed.</summary>
    protected virtual Task DeleteStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Backend = await CreateBackendAsync();
        await Backend.InitializeAsync(None);
        _initialized = true;
    }

    public async Task DisposeAsync()
    {
        if (Backend is not null)
            await Backend.DisposeAsync();
        // A store that could not be initialized (an unreachable server) has nothing to delete; the test has failed already.
        if (_initialized)
            await DeleteStoreAsync();
    }

    /// <summary>Disposes the backend and opens a new instance over the same store, as a restarted silo would.</summary>
    protected async Task<long> ReopenAsync()
    {
        await Backend.DisposeAsync();
        Backend = await CreateBackendAsync();
        return await Backend.InitializeAsync(None);
    }

    protected Task CommitAsync(params StorageOperation[] operations) => Backend.CommitAsync(operations, None);

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);

    protected static WriteStateOperation Write(GrainId grainId, string? expectedETag, string payload, string stateName = "state")
        => new(grainId, stateName, expectedETag, Bytes(payload));

    protected static StoredEvent Event(long position, GrainId? grainId, long version, DateTimeOffset? timestamp = null, string? streamNamespace = null, string? streamKey = null)
        => new(position, grainId, version, timestamp ?? T0, streamNamespace, streamKey, "Tests.SomethingHappened, Tests", Bytes($"{{\"n\":{position}}}"));

    protected static AppendEventsOperation Append(GrainId? grainId, long expectedVersion, params StoredEvent[] events) => new(grainId, expectedVersion, events);

    /// <summary>Every field of an event, with the payload as text: records compare byte arrays by reference.</summary>
    protected static object Shape(StoredEvent e)
        => (e.Position, e.GrainId, e.Version, e.Timestamp.UtcTicks, e.StreamNamespace, e.StreamKey, e.EventType, Convert.ToHexString(e.Payload));

    protected static void AssertEvents(IEnumerable<StoredEvent> expected, IEnumerable<StoredEvent> actual)
        => Assert.Equal(expected.Select(Shape), actual.Select(Shape));

    [Fact]
    public async Task InitializeAsync_EmptyStore_ReturnsZeroAtCurrentSchemaVersion()
    {
        var position = await ReopenAsync();

        Assert.Equal(0, position);
        Assert.Equal(SchemaVersion, await Backend.GetSchemaVersionAsync(None));
    }

    [Fact]
    public async Task InitializeAsync_ReturnsLargestEventPosition()
    {
        var grain = new GrainId("counter", "a");
        await CommitAsync(
            Append(grain, 0, Event(3, grain, 1), Event(4, grain, 2)),
            Append(null, 0, Event(10, null, 0, streamNamespace: "news", streamKey: "k")));

        var position = await Backend.InitializeAsync(None);

        Assert.Equal(10, position);
    }

    [Fact]
    public async Task InitializeAsync_RunTwice_IsIdempotentAndKeepsData()
    {
        var grain = new GrainId("counter", "a");
        await CommitAsync(Write(grain, null, "kept"), Append(grain, 0, Event(1, grain, 1)));

        var first = await Backend.InitializeAsync(None);
        var second = await Backend.InitializeAsync(None);

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(SchemaVersion, await Backend.GetSchemaVersionAsync(None));
        Assert.Equal("kept", Text((await Backend.ReadStateAsync(grain, "state", None))!.Payload));
    }

    [Fact]
    public async Task Reopen_NewBackendOnSameStore_SeesEverythingCommitted()
    {
        var grain = new GrainId("counter", "a");
        var consumer = new GrainId("consumer", "c");
        var reminder = new ReminderEntry(grain, "tick", T0, TimeSpan.FromMinutes(5));
        var cursor = new StreamCursor(consumer, "news", "k", 2);
        await CommitAsync(
            Write(grain, null, "durable"),
            Append(grain, 0, Event(1, grain, 1, streamNamespace: "news", streamKey: "k"), Event(2, grain, 2, streamNamespace: "news", streamKey: "k")),
            new UpsertReminderOperation(reminder),
            new UpsertCursorOperation(cursor));

        var position = await ReopenAsync();

        Assert.Equal(2, position);
        Assert.Equal(SchemaVersion, await Backend.GetSchemaVersionAsync(None));
        var state = await Backend.ReadStateAsync(grain, "state", None);
        Assert.Equal(("1", "durable"), (state!.ETag, Text(state.Payload)));
        Assert.Equal(2, await Backend.ReadJournalVersionAsync(grain, None));
        Assert.Equal([1L, 2L], (await Backend.ReadStreamAsync("news", 0, long.MaxValue, 10, None)).Select(e => e.Position));
        Assert.Equal([reminder], await Backend.ReadRemindersAsync(None));
        Assert.Equal([cursor], await Backend.ReadCursorsAsync(None));
    }
}
