using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    static readonly GrainId Counter = new("counter", "a");

    [Fact]
    public async Task ReadStateAsync_NothingStored_ReturnsNull()
    {
        var state = await Backend.ReadStateAsync(Counter, "state", None);

        Assert.Null(state);
    }

    [Fact]
    public async Task CommitAsync_NewStateWithNullETag_StoresItAtETag1()
    {
        var write = Write(Counter, null, "first");

        await CommitAsync(write);

        Assert.False(write.Conflict);
        Assert.Equal("1", write.NewETag);
        var state = await Backend.ReadStateAsync(Counter, "state", None);
        Assert.Equal(("1", "first"), (state!.ETag, Text(state.Payload)));
    }

    [Fact]
    public async Task CommitAsync_MatchingETag_ReplacesPayloadAndIncrementsETag()
    {
        await CommitAsync(Write(Counter, null, "first"));
        var second = Write(Counter, "1", "second");

        await CommitAsync(second);
        var third = Write(Counter, second.NewETag, "third");
        await CommitAsync(third);

        Assert.Equal(("2", "3"), (second.NewETag, third.NewETag));
        var state = await Backend.ReadStateAsync(Counter, "state", None);
        Assert.Equal(("3", "third"), (state!.ETag, Text(state.Payload)));
    }

    [Fact]
    public async Task CommitAsync_StaleETag_MarksConflictAndWritesNothing()
    {
        await CommitAsync(Write(Counter, null, "first"));
        await CommitAsync(Write(Counter, "1", "second"));
        var stale = Write(Counter, "1", "lost");

        await CommitAsync(stale);

        Assert.True(stale.Conflict);
        Assert.Equal("2", stale.CurrentETag);
        Assert.Null(stale.NewETag);
        var state = await Backend.ReadStateAsync(Counter, "state", None);
        Assert.Equal(("2", "second"), (state!.ETag, Text(state.Payload)));
    }

    [Fact]
    public async Task CommitAsync_NullETagWhenStateExists_MarksConflictAndWritesNothing()
    {
        await CommitAsync(Write(Counter, null, "first"));
        var duplicate = Write(Counter, null, "lost");

        await CommitAsync(duplicate);

        Assert.True(duplicate.Conflict);
        Assert.Equal("1", duplicate.CurrentETag);
        Assert.Equal("first", Text((await Backend.ReadStateAsync(Counter, "state", None))!.Payload));
    }

    [Fact]
    public async Task CommitAsync_ETagWhenStateMissing_MarksConflictWithNoCurrentETag()
    {
        var write = Write(Counter, "4", "lost");

        await CommitAsync(write);

        Assert.True(write.Conflict);
        Assert.Null(write.CurrentETag);
        Assert.Null(await Backend.ReadStateAsync(Counter, "state", None));
    }

    [Fact]
    public async Task CommitAsync_ETagTheStoreNeverIssued_MarksConflict()
    {
        await CommitAsync(Write(Counter, null, "first"));
        var write = Write(Counter, "not-a-version", "lost");

        await CommitAsync(write);

        Assert.True(write.Conflict);
        Assert.Equal("1", write.CurrentETag);
        Assert.Equal("first", Text((await Backend.ReadStateAsync(Counter, "state", None))!.Payload));
    }

    [Fact]
    public async Task CommitAsync_AnyETag_WritesWhetherOrNotStateExists()
    {
        var create = Write(Counter, WriteStateOperation.AnyETag, "created");
        var overwrite = Write(Counter, WriteStateOperation.AnyETag, "overwritten");

        await CommitAsync(create);
        await CommitAsync(overwrite);

        Assert.False(create.Conflict || overwrite.Conflict);
        Assert.Equal(("1", "2"), (create.NewETag, overwrite.NewETag));
        var state = await Backend.ReadStateAsync(Counter, "state", None);
        Assert.Equal(("2", "overwritten"), (state!.ETag, Text(state.Payload)));
    }

    [Fact]
    public async Task CommitAsync_StateNamesOfOneGrain_AreStoredApart()
    {
        await CommitAsync(Write(Counter, null, "profile", "profile"), Write(Counter, null, "balance", "balance"));

        var profile = await Backend.ReadStateAsync(Counter, "profile", None);
        var balance = await Backend.ReadStateAsync(Counter, "balance", None);

        Assert.Equal("profile", Text(profile!.Payload));
        Assert.Equal("balance", Text(balance!.Payload));
        Assert.Null(await Backend.ReadStateAsync(Counter, "state", None));
    }

    [Fact]
    public async Task CommitAsync_ClearWithMatchingETag_DeletesState()
    {
        await CommitAsync(Write(Counter, null, "first"), Write(Counter, null, "other", "other"));
        var clear = new ClearStateOperation(Counter, "state", "1");

        await CommitAsync(clear);

        Assert.False(clear.Conflict);
        Assert.Null(await Backend.ReadStateAsync(Counter, "state", None));
        Assert.NotNull(await Backend.ReadStateAsync(Counter, "other", None));
    }

    [Fact]
    public async Task CommitAsync_ClearWithStaleETag_MarksConflictAndKeepsState()
    {
        await CommitAsync(Write(Counter, null, "first"));
        await CommitAsync(Write(Counter, "1", "second"));
        var clear = new ClearStateOperation(Counter, "state", "1");

        await CommitAsync(clear);

        Assert.True(clear.Conflict);
        Assert.Equal("2", clear.CurrentETag);
        Assert.Equal("second", Text((await Backend.ReadStateAsync(Counter, "state", None))!.Payload));
    }

    [Fact]
    public async Task CommitAsync_ClearWithNullETagWhenStateExists_MarksConflictAndKeepsState()
    {
        await CommitAsync(Write(Counter, null, "first"));
        var clear = new ClearStateOperation(Counter, "state", null);

        await CommitAsync(clear);

        Assert.True(clear.Conflict);
        Assert.Equal("1", clear.CurrentETag);
        Assert.NotNull(await Backend.ReadStateAsync(Counter, "state", None));
    }

    [Fact]
    public async Task CommitAsync_ClearMissingStateWithNullETag_Succeeds()
    {
        var clear = new ClearStateOperation(Counter, "state", null);

        await CommitAsync(clear);

        Assert.False(clear.Conflict);
        Assert.Null(await Backend.ReadStateAsync(Counter, "state", None));
    }

    [Fact]
    public async Task CommitAsync_WriteAfterClear_StartsAgainAtETag1()
    {
        await CommitAsync(Write(Counter, null, "first"));
        await CommitAsync(Write(Counter, "1", "second"));
        await CommitAsync(new ClearStateOperation(Counter, "state", "2"));
        var write = Write(Counter, null, "reborn");

        await CommitAsync(write);

        Assert.False(write.Conflict);
        Assert.Equal("1", write.NewETag);
        Assert.Equal("reborn", Text((await Backend.ReadStateAsync(Counter, "state", None))!.Payload));
    }

    [Fact]
    public async Task CommitAsync_LargePayload_RoundTripsByteForByte()
    {
        var payload = new byte[256 * 1024];
        new Random(42).NextBytes(payload);

        await CommitAsync(new WriteStateOperation(Counter, "state", null, payload));

        Assert.Equal(payload, (await Backend.ReadStateAsync(Counter, "state", None))!.Payload);
    }
}
