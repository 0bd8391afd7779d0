using CityActors.Grains.Audit;

namespace CityActors.Grains.Tests.Audit;

public sealed class RecentIdSetTests
{
    [Fact]
    public void Contains_GuidAndOtherIds_FindsExactlyTheAddedOnes()
    {
        var set = new RecentIdSet(generation: 100);
        var guid = Guid.NewGuid().ToString("N");
        set.Add(guid);
        set.Add("s-17");

        Assert.True(set.Contains(guid));
        Assert.True(set.Contains("s-17"));
        Assert.False(set.Contains(Guid.NewGuid().ToString("N")));
        Assert.False(set.Contains("s-18"));
    }

    [Fact]
    public void Contains_SameGuidInAnotherForm_IsAnotherId()
    {
        var set = new RecentIdSet(generation: 100);
        var guid = Guid.NewGuid();
        set.Add(guid.ToString("N"));

        // Ids are compared as strings: the same GUID in capitals or with dashes is not the id that was added.
        Assert.False(set.Contains(guid.ToString("N").ToUpperInvariant()));
        Assert.False(set.Contains(guid.ToString("D")));
        set.Add(guid.ToString("N").ToUpperInvariant());
        Assert.True(set.Contains(guid.ToString("N").ToUpperInvariant()));
    }

    [Fact]
    public void Add_PastTwoGenerations_KeepsAtLeastTheLastGeneration()
    {
        const int generation = 50;
        var set = new RecentIdSet(generation);
        var ids = Enumerable.Range(0, 5 * generation).Select(i => i % 2 == 0 ? Guid.NewGuid().ToString("N") : $"entry-{i}").ToList();
        foreach (var id in ids)
            set.Add(id);

        Assert.All(ids[^generation..], id => Assert.True(set.Contains(id), id));
        Assert.All(ids[..generation], id => Assert.False(set.Contains(id), id));
    }
}
