using System.Text;
using CityActors.Grains.Audit;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests.Audit;

public sealed class AuditGrainTests : SqliteSiloTest
{
    static readonly DateTimeOffset s_day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    IAuditGrain Day => Silo.GrainFactory.GetGrain<IAuditGrain>(IAuditGrain.Key("zhytomyr", s_day));

    static AuditEntry Entry(string id, int minute) => new(s_day.AddMinutes(minute), "3f9a01c2d4e5", "диспетчер Коваленко", "operator", null, "10.0.0.7",
        "POST", "/api/v1/facilities/signal-017/alarms/dark/acknowledge", "alarm.acknowledge", "signal-017", 200, "alarm 'dark' acknowledged",
        [new AuditChange("alarms.dark.state", "raised", "acknowledged")], id);

    static readonly AuditFilter s_wholeDay = new(s_day.AddHours(-9), s_day.AddHours(15));

    [Fact]
    public async Task AppendAsync_SameEntriesAgain_AddsNothingTwice()
    {
        await Day.AppendAsync([Entry("a", 1), Entry("b", 2)]);

        await Day.AppendAsync([Entry("b", 2), Entry("c", 3)]);
        await Day.AppendAsync([Entry("a", 1)]);
        var listed = await Day.ListAsync(s_wholeDay);

        Assert.Equal(["a", "b", "c"], listed.Select(e => e.Id));
        Assert.Equal("acknowledged", listed[0].Changes![0].New);
    }

    [Fact]
    public async Task AppendAsync_RetriedAfterARestart_StillAddsNothingTwice()
    {
        await Day.AppendAsync([Entry("a", 1), Entry("b", 2)]);
        Silo = await Silo.RestartAsync();

        await Day.AppendAsync([Entry("a", 1), Entry("b", 2)]);
        var listed = await Day.ListAsync(s_wholeDay);

        Assert.Equal(["a", "b"], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task AppendAsync_RetriedPastTwoGenerationsOfIdsAndAfterARestart_AddsNothingTwice()
    {
        // Appends of 500 as the audit trail sends them, then appends of one: more ids than two generations hold.
        var ids = Enumerable.Range(0, 2 * AuditGrain.RecentIds + 5_000).Select(i => $"e{i}").ToList();
        foreach (var group in ids.SkipLast(40).Chunk(500))
            await Day.AppendAsync([.. group.Select(id => Entry(id, 5))]);
        foreach (var id in ids.TakeLast(40))
            await Day.AppendAsync([Entry(id, 6)]);
        var version = await JournalVersionAsync();
        var recent = ids.TakeLast(AuditGrain.RecentIds).Chunk(2_000).ToList();

        foreach (var group in recent)
            await Day.AppendAsync([.. group.Select(id => Entry(id, 7))]);
        var retried = await JournalVersionAsync();
        Silo = await Silo.RestartAsync();
        foreach (var group in recent)
            await Day.AppendAsync([.. group.Select(id => Entry(id, 8))]);
        var retriedAfterRestart = await JournalVersionAsync();
        await Day.AppendAsync([Entry("new", 9), Entry(ids[^1], 9)]);
        var listed = await Day.ListAsync(s_wholeDay);

        Assert.Equal(version, retried);
        Assert.Equal(version, retriedAfterRestart);
        Assert.Equal(version + 1, await JournalVersionAsync());
        Assert.Equal(ids.Count + 1, listed.Count);
        Assert.Equal(["new"], listed.Where(e => e.At == s_day.AddMinutes(9)).Select(e => e.Id));
    }

    [Fact]
    public async Task AppendAsync_DayWithASnapshotOfTheFormerState_ActivatesAndAppends()
    {
        var storage = Silo.Services.GetRequiredService<GrainStorage>();
        await storage.CommitAsync(new WriteStateOperation(DayId, "journal", WriteStateOperation.AnyETag,
            Encoding.UTF8.GetBytes("""{"Version":0,"State":{"Ids":["a"],"PreviousIds":["b"]}}""")));

        await Day.AppendAsync([Entry("a", 1)]);
        var listed = await Day.ListAsync(s_wholeDay);

        Assert.Equal(["a"], listed.Select(e => e.Id));
    }

    static GrainId DayId => new("audit", IAuditGrain.Key("zhytomyr", s_day));

    Task<long> JournalVersionAsync() => Silo.Services.GetRequiredService<IStorageBackend>().ReadJournalVersionAsync(DayId, CancellationToken.None);
}
