using CityActors.Grains.Audit;
using CityActors.Grains.Tests.Support;

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
}
