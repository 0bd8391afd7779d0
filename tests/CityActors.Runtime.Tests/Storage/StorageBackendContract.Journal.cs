namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    static readonly GrainId Account = new("account", "a");

    [Fact]
    public async Task ReadJournalVersionAsync_NoEvents_ReturnsZero()
    {
        var version = await Backend.ReadJournalVersionAsync(Account, None);

        Assert.Equal(0, version);
    }

    [Fact]
    public async Task CommitAsync_AppendEvents_ReadJournalReturnsThemWithAllFields()
    {
        var events = new[]
        {
            Event(1, Account, 1, T0, "accounts", "a"),
            Event(2, Account, 2, T0.AddTicks(10)),
        };
        var append = Append(Account, 0, events);

        await CommitAsync(append);

        Assert.False(append.Conflict);
        AssertEvents(events, await Backend.ReadJournalAsync(Account, 0, long.MaxValue, None));
        Assert.Equal(2, await Backend.ReadJournalVersionAsync(Account, None));
    }

    [Fact]
    public async Task ReadJournalAsync_VersionRange_ExcludesFromAndIncludesTo()
    {
        await CommitAsync(Append(Account, 0, [.. Enumerable.Range(1, 5).Select(v => Event(v, Account, v))]));

        var events = await Backend.ReadJournalAsync(Account, 1, 3, None);

        Assert.Equal([2L, 3L], events.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadJournalAsync_EventsAppendedOverSeveralBatches_ComeBackInVersionOrder()
    {
        await CommitAsync(Append(Account, 0, Event(1, Account, 1), Event(2, Account, 2)));
        await CommitAsync(Append(Account, 2, Event(5, Account, 3)));
        await CommitAsync(Append(Account, 3, Event(9, Account, 4), Event(10, Account, 5)));

        var events = await Backend.ReadJournalAsync(Account, 0, long.MaxValue, None);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], events.Select(e => e.Version));
        Assert.Equal([1L, 2L, 5L, 9L, 10L], events.Select(e => e.Position));
    }

    [Fact]
    public async Task ReadJournalByTimeAsync_ReturnsEventsFromInclusiveToExclusive()
    {
        var microsecond = TimeSpan.FromTicks(10);
        await CommitAsync(Append(Account, 0,
            Event(1, Account, 1, T0),
            Event(2, Account, 2, T0 + microsecond),
            Event(3, Account, 3, T0 + TimeSpan.FromSeconds(1)),
            Event(4, Account, 4, T0 + TimeSpan.FromSeconds(2))));

        var events = await Backend.ReadJournalByTimeAsync(Account, T0 + microsecond, T0 + TimeSpan.FromSeconds(2), None);

        Assert.Equal([2L, 3L], events.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadJournalByTimeAsync_NonUtcBounds_CompareAsInstants()
    {
        var kyiv = TimeSpan.FromHours(2);
        await CommitAsync(Append(Account, 0, Event(1, Account, 1, T0), Event(2, Account, 2, T0.AddHours(1))));

        var events = await Backend.ReadJournalByTimeAsync(Account, T0.ToOffset(kyiv), T0.AddMinutes(30).ToOffset(kyiv), None);

        Assert.Equal([1L], events.Select(e => e.Version));
        Assert.Equal(T0.UtcTicks, events[0].Timestamp.UtcTicks);
    }

    [Fact]
    public async Task CommitAsync_AppendAtStaleVersion_MarksConflictAndWritesNoneOfItsEvents()
    {
        await CommitAsync(Append(Account, 0, Event(1, Account, 1), Event(2, Account, 2)));
        var stale = Append(Account, 1, Event(3, Account, 2, streamNamespace: "accounts", streamKey: "a"), Event(4, Account, 3, streamNamespace: "accounts", streamKey: "a"));

        await CommitAsync(stale);

        Assert.True(stale.Conflict);
        Assert.Equal("2", stale.CurrentETag);
        Assert.Equal([1L, 2L], (await Backend.ReadJournalAsync(Account, 0, long.MaxValue, None)).Select(e => e.Position));
        Assert.Empty(await Backend.ReadStreamAsync("accounts", 0, long.MaxValue, 10, None));
        Assert.Equal(2, await Backend.ReadJournalVersionAsync(Account, None));
    }

    [Fact]
    public async Task CommitAsync_AppendSkippingVersions_MarksConflictAndWritesNothing()
    {
        await CommitAsync(Append(Account, 0, Event(1, Account, 1)));
        var ahead = Append(Account, 3, Event(2, Account, 4));

        await CommitAsync(ahead);

        Assert.True(ahead.Conflict);
        Assert.Equal("1", ahead.CurrentETag);
        Assert.Equal(1, await Backend.ReadJournalVersionAsync(Account, None));
    }

    [Fact]
    public async Task CommitAsync_StreamOnlyEvents_HaveNoGrainAndVersionZeroAndLeaveJournalsAlone()
    {
        var items = new[] { Event(1, null, 0, T0, "alerts", "city"), Event(2, null, 0, T0, "alerts", "city") };

        await CommitAsync(Append(null, 0, items), Append(null, 0, Event(3, null, 0, T0, "alerts", "city")));

        AssertEvents([.. items, Event(3, null, 0, T0, "alerts", "city")], await Backend.ReadStreamAsync("alerts", 0, long.MaxValue, 10, None));
        Assert.Equal(0, await Backend.ReadJournalVersionAsync(Account, None));
    }
}
