using CityActors.Grains.Audit;
using CityActors.Grains.Tests.Support;

namespace CityActors.Grains.Tests.Audit;

/// <summary>Measures the process's heap, so it runs alone, after the tests that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "heap measuring";
}

[Collection(HeapMeasuringCollection.Name)]
public sealed class AuditGrainMemoryTests : SqliteSiloTest
{
    static readonly DateTimeOffset s_day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_ManyEntries_KeepsThemInTheJournalNotInMemory()
    {
        const int count = 20_000;
        var what = new string('ж', 2_000);
        var day = Silo.GrainFactory.GetGrain<IAuditGrain>(IAuditGrain.Key("zhytomyr", s_day));
        await day.AppendAsync([Entry(-1, what)]);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        foreach (var group in Enumerable.Range(0, count).Chunk(500))
            await day.AppendAsync([.. group.Select(i => Entry(i, $"{i}:{what}"))]);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        var listed = await day.ListAsync(new AuditFilter(s_day.AddHours(-9), s_day.AddHours(15)));

        // Held in memory, the entries' text alone would be 80 MB (2,000 UTF-16 characters each); the ids of recent
        // entries and what the silo itself holds stay well under half that.
        Assert.True(grown < 40_000_000, $"the heap grew by {grown:N0} bytes for {count:N0} audit entries");
        Assert.Equal(count + 1, listed.Count);
        Assert.Equal($"{count - 1}:{what}", listed[^1].What);
    }

    static AuditEntry Entry(int i, string what) => new(s_day.AddSeconds(i + 1), "3f9a01c2d4e5", "диспетчер Коваленко", "department", "education", "10.0.0.7",
        "POST", $"/api/v1/facilities/school-{i:D5}/status", "facility.status", $"school-{i:D5}", 200, what, null, $"entry-{i}");
}
