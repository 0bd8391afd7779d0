using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    static readonly GrainId Consumer = new("dispatcher", "north");

    async Task AppendMixedStreamsAsync()
    {
        var a = new GrainId("sensor", "a");
        var b = new GrainId("sensor", "b");
        await CommitAsync(
            Append(a, 0, Event(1, a, 1, streamNamespace: "readings", streamKey: "a"), Event(2, a, 2, streamNamespace: "readings", streamKey: "a")),
            Append(b, 0, Event(3, b, 1, streamNamespace: "alarms", streamKey: "b")),
            Append(null, 0, Event(4, null, 0, streamNamespace: "readings", streamKey: "c")),
            Append(b, 1, Event(5, b, 2)),
            Append(a, 2, Event(6, a, 3, streamNamespace: "readings", streamKey: "a"), Event(7, a, 4, streamNamespace: "readings", streamKey: "a")));
    }

    [Fact]
    public async Task ReadStreamAsync_FiltersByNamespaceAndPositionWindow()
    {
        await AppendMixedStreamsAsync();

        var window = await Backend.ReadStreamAsync("readings", 1, 6, 100, None);

        Assert.Equal([2L, 4L, 6L], window.Select(e => e.Position));
        Assert.Equal(["a", "c", "a"], window.Select(e => e.StreamKey));
    }

    [Fact]
    public async Task ReadStreamAsync_MaxCount_ReturnsFirstEventsOfWindow()
    {
        await AppendMixedStreamsAsync();

        var first = await Backend.ReadStreamAsync("readings", 0, long.MaxValue, 2, None);
        var none = await Backend.ReadStreamAsync("readings", 0, long.MaxValue, 0, None);

        Assert.Equal([1L, 2L], first.Select(e => e.Position));
        Assert.Empty(none);
    }

    [Fact]
    public async Task ReadStreamAsync_UnknownNamespace_ReturnsNothing()
    {
        await AppendMixedStreamsAsync();

        var events = await Backend.ReadStreamAsync("nobody", 0, long.MaxValue, 100, None);

        Assert.Empty(events);
    }

    [Fact]
    public async Task CommitAsync_Cursor_StoresItsPosition()
    {
        var cursor = new StreamCursor(Consumer, "readings", "a", 5);

        await CommitAsync(new UpsertCursorOperation(cursor));

        Assert.Equal([cursor], await Backend.ReadCursorsAsync(None));
    }

    [Fact]
    public async Task CommitAsync_CursorBehindStoredOne_NeverMovesItBack()
    {
        await CommitAsync(new UpsertCursorOperation(new StreamCursor(Consumer, "readings", "a", 5)));

        await CommitAsync(new UpsertCursorOperation(new StreamCursor(Consumer, "readings", "a", 3)));
        var afterBackwards = await Backend.ReadCursorsAsync(None);
        await CommitAsync(new UpsertCursorOperation(new StreamCursor(Consumer, "readings", "a", 8)));
        var afterForwards = await Backend.ReadCursorsAsync(None);

        Assert.Equal(5, Assert.Single(afterBackwards).Position);
        Assert.Equal(8, Assert.Single(afterForwards).Position);
    }

    [Fact]
    public async Task CommitAsync_CursorsForwardThenBackInOneBatch_KeepFurthest()
    {
        await CommitAsync(
            new UpsertCursorOperation(new StreamCursor(Consumer, "readings", "a", 10)),
            new UpsertCursorOperation(new StreamCursor(Consumer, "readings", "a", 4)));

        var cursors = await Backend.ReadCursorsAsync(None);

        Assert.Equal(10, Assert.Single(cursors).Position);
    }

    [Fact]
    public async Task CommitAsync_CursorsOfOtherConsumersAndStreams_AreKeptApart()
    {
        var cursors = new[]
        {
            new StreamCursor(Consumer, "readings", "a", 1),
            new StreamCursor(Consumer, "readings", "b", 2),
            new StreamCursor(Consumer, "alarms", "a", 3),
            new StreamCursor(new GrainId("dispatcher", "south"), "readings", "a", 4),
            new StreamCursor(new GrainId("auditor", "north"), "readings", "a", 5),
        };

        await CommitAsync([.. cursors.Select(c => new UpsertCursorOperation(c))]);

        Assert.Equal(cursors.OrderBy(c => c.Position), (await Backend.ReadCursorsAsync(None)).OrderBy(c => c.Position));
    }
}
