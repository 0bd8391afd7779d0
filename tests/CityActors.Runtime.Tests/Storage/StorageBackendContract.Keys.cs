using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    static readonly string[] OddKeyValues =
    [
        "Київ/Хрещатик, 22",
        "a/b/c",
        "it's \"quoted\"",
        "",
        "  spaced  ",
        "100%_like\\escape",
        "semi;colon -- comment",
        "emoji 🏙️ місто",
    ];

    public static TheoryData<string> OddKeys => new(OddKeyValues);

    [Theory]
    [MemberData(nameof(OddKeys))]
    public async Task CommitAsync_OddKey_RoundTripsEverywhere(string key)
    {
        var grain = new GrainId("район", key);
        var reminder = new ReminderEntry(grain, key, T0, TimeSpan.FromSeconds(1));
        var cursor = new StreamCursor(grain, key, key, 1);

        await CommitAsync(
            Write(grain, null, key, key),
            Append(grain, 0, Event(1, grain, 1, streamNamespace: key, streamKey: key)),
            new UpsertReminderOperation(reminder),
            new UpsertCursorOperation(cursor));

        Assert.Equal(key, Text((await Backend.ReadStateAsync(grain, key, None))!.Payload));
        Assert.Equal(grain, Assert.Single(await Backend.ReadJournalAsync(grain, 0, 1, None)).GrainId);
        Assert.Equal(key, Assert.Single(await Backend.ReadStreamAsync(key, 0, 1, 1, None)).StreamKey);
        Assert.Equal([reminder], await Backend.ReadRemindersAsync(None));
        Assert.Equal([cursor], await Backend.ReadCursorsAsync(None));
    }

    [Fact]
    public async Task CommitAsync_OddKeys_DoNotMeetEachOther()
    {
        var grains = OddKeyValues.Select(key => new GrainId("район", key)).ToArray();

        await CommitAsync([.. grains.Select(g => Write(g, null, g.Key))]);

        foreach (var grain in grains)
            Assert.Equal(grain.Key, Text((await Backend.ReadStateAsync(grain, "state", None))!.Payload));
    }

    [Fact]
    public async Task CommitAsync_SameKeyDifferentGrainTypes_AreSeparateGrains()
    {
        var facility = new GrainId("facility", "42");
        var district = new GrainId("district", "42");

        await CommitAsync(
            Write(facility, null, "facility"),
            Write(district, null, "district"),
            Append(facility, 0, Event(1, facility, 1), Event(2, facility, 2)),
            Append(district, 0, Event(3, district, 1)),
            new UpsertReminderOperation(new ReminderEntry(facility, "tick", T0, TimeSpan.FromSeconds(1))));

        Assert.Equal("facility", Text((await Backend.ReadStateAsync(facility, "state", None))!.Payload));
        Assert.Equal("district", Text((await Backend.ReadStateAsync(district, "state", None))!.Payload));
        Assert.Equal([3L], (await Backend.ReadJournalAsync(district, 0, long.MaxValue, None)).Select(e => e.Position));
        Assert.Equal(2, await Backend.ReadJournalVersionAsync(facility, None));
        Assert.Equal(facility, Assert.Single(await Backend.ReadRemindersAsync(None)).GrainId);
    }

    [Fact]
    public async Task CommitAsync_TypeAndKeyThatConcatenateAlike_AreSeparateGrains()
    {
        var left = new GrainId("a/b", "c");
        var right = new GrainId("a", "b/c");

        await CommitAsync(Write(left, null, "left"), Write(right, null, "right"));

        Assert.Equal("left", Text((await Backend.ReadStateAsync(left, "state", None))!.Payload));
        Assert.Equal("right", Text((await Backend.ReadStateAsync(right, "state", None))!.Payload));
    }
}
