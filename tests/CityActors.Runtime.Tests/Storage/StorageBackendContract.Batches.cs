using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    [Fact]
    public async Task CommitAsync_MixedBatchWithConflicts_CommitsEverythingElse()
    {
        var fresh = new GrainId("counter", "fresh");
        var taken = new GrainId("counter", "taken");
        var journal = new GrainId("account", "ok");
        var raced = new GrainId("account", "raced");
        await CommitAsync(Write(taken, null, "original"), Append(raced, 0, Event(1, raced, 1)));
        var write = Write(fresh, null, "written");
        var staleWrite = Write(taken, "7", "lost");
        var append = Append(journal, 0, Event(2, journal, 1, streamNamespace: "accounts", streamKey: "ok"));
        var staleAppend = Append(raced, 0, Event(3, raced, 1, streamNamespace: "accounts", streamKey: "raced"));
        var reminder = new ReminderEntry(fresh, "tick", T0, TimeSpan.FromSeconds(30));
        var cursor = new StreamCursor(fresh, "accounts", "ok", 2);

        await CommitAsync(write, staleWrite, append, staleAppend, new UpsertReminderOperation(reminder), new UpsertCursorOperation(cursor));

        Assert.Equal([false, true, false, true], new StorageOperation[] { write, staleWrite, append, staleAppend }.Select(o => o.Conflict));
        Assert.Equal(("1", "1"), (staleWrite.CurrentETag, staleAppend.CurrentETag));
        Assert.Equal("written", Text((await Backend.ReadStateAsync(fresh, "state", None))!.Payload));
        Assert.Equal("original", Text((await Backend.ReadStateAsync(taken, "state", None))!.Payload));
        Assert.Equal([2L], (await Backend.ReadStreamAsync("accounts", 0, long.MaxValue, 10, None)).Select(e => e.Position));
        Assert.Equal([1L], (await Backend.ReadJournalAsync(raced, 0, long.MaxValue, None)).Select(e => e.Position));
        Assert.Equal([reminder], await Backend.ReadRemindersAsync(None));
        Assert.Equal([cursor], await Backend.ReadCursorsAsync(None));
    }

    [Fact]
    public async Task CommitAsync_SeveralOperationsOnOneStateInOneBatch_ApplyInOrder()
    {
        var grain = new GrainId("counter", "busy");
        var create = Write(grain, null, "one");
        var update = Write(grain, "1", "two");
        var stale = Write(grain, "1", "lost");
        var clear = new ClearStateOperation(grain, "state", "2");
        var recreate = Write(grain, null, "three");

        await CommitAsync(create, update, stale, clear, recreate);

        Assert.Equal([false, false, true, false, false], new StorageOperation[] { create, update, stale, clear, recreate }.Select(o => o.Conflict));
        Assert.Equal("2", stale.CurrentETag);
        var state = await Backend.ReadStateAsync(grain, "state", None);
        Assert.Equal(("1", "three"), (state!.ETag, Text(state.Payload)));
    }

    [Fact]
    public async Task CommitAsync_SeveralAppendsToOneJournalInOneBatch_ApplyInOrder()
    {
        var grain = new GrainId("account", "busy");
        var first = Append(grain, 0, Event(1, grain, 1), Event(2, grain, 2));
        var second = Append(grain, 2, Event(3, grain, 3));
        var stale = Append(grain, 2, Event(4, grain, 3));

        await CommitAsync(first, second, stale);

        Assert.Equal([false, false, true], new[] { first, second, stale }.Select(o => o.Conflict));
        Assert.Equal("3", stale.CurrentETag);
        Assert.Equal([1L, 2L, 3L], (await Backend.ReadJournalAsync(grain, 0, long.MaxValue, None)).Select(e => e.Position));
    }

    [Fact]
    public async Task CommitAsync_ReminderSetThenDeletedInOneBatch_EndsDeleted()
    {
        var grain = new GrainId("streetlight", "7");
        var kept = new ReminderEntry(grain, "kept", T0, TimeSpan.FromMinutes(1));

        await CommitAsync(
            new UpsertReminderOperation(new ReminderEntry(grain, "gone", T0, TimeSpan.FromMinutes(1))),
            new UpsertReminderOperation(kept),
            new DeleteReminderOperation(grain, "gone"));

        Assert.Equal([kept], await Backend.ReadRemindersAsync(None));
    }

    [Fact]
    public async Task CommitAsync_LargeBatch_CommitsEveryOperation()
    {
        var writes = Enumerable.Range(0, 3000).Select(i => Write(new GrainId("counter", $"k{i}"), null, $"v{i}")).ToArray();

        await CommitAsync(writes);

        Assert.All(writes, w => Assert.Equal("1", w.NewETag));
        Assert.Equal("v2999", Text((await Backend.ReadStateAsync(new GrainId("counter", "k2999"), "state", None))!.Payload));
    }

    [Fact]
    public async Task ReadStateAsync_WhileBatchesCommit_SeesCommittedState()
    {
        var watched = new GrainId("counter", "watched");
        await CommitAsync(Write(watched, null, "stable"));
        var batches = Enumerable.Range(0, 5)
            .Select(b => Enumerable.Range(0, 1000).Select(i => (StorageOperation)Write(new GrainId("counter", $"b{b}-{i}"), null, "x")).ToArray())
            .ToArray();

        var commits = Task.Run(async () =>
        {
            foreach (var batch in batches)
                await Backend.CommitAsync(batch, None);
        });
        var reads = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Backend.ReadStateAsync(watched, "state", None))).ToArray();
        await Task.WhenAll(reads);
        await commits;

        Assert.All(reads, r => Assert.Equal("stable", Text(r.Result!.Payload)));
        Assert.NotNull(await Backend.ReadStateAsync(new GrainId("counter", "b4-999"), "state", None));
    }
}
