using CityActors.Runtime.Storage.Postgres;

namespace CityActors.Runtime.Tests.Storage;

public sealed class PostgresJournalHeadsTests
{
    static GrainId Grain(int i) => new("account", $"a-{i}");

    [Fact]
    public void Committed_PastCapacity_StartsAgainWithTheLatestBatchOnly()
    {
        var heads = new PostgresJournalHeads(capacity: 3);
        for (var i = 0; i < 3; i++)
            heads.Appended(Grain(i), 1);
        heads.Committed();
        var fullBefore = heads.Count;

        heads.Appended(Grain(3), 1);
        heads.Appended(Grain(0), 2);
        heads.Committed();

        Assert.Equal(3, fullBefore);
        Assert.Equal(2, heads.Count);
        Assert.True(heads.IsKnown(Grain(3), 1));
        Assert.True(heads.IsKnown(Grain(0), 2));
        // Forgotten: its next append is checked against the table instead of trusted.
        Assert.False(heads.IsKnown(Grain(1), 1));
    }

    [Fact]
    public void Committed_WithinCapacity_RemembersEveryGrain()
    {
        var heads = new PostgresJournalHeads(capacity: 10);
        for (var batch = 0; batch < 3; batch++)
        {
            for (var i = 0; i < 3; i++)
                heads.Appended(Grain(batch * 3 + i), batch + 1);
            heads.Committed();
        }

        Assert.Equal(9, heads.Count);
        Assert.All(Enumerable.Range(0, 9), i => Assert.True(heads.IsKnown(Grain(i), i / 3 + 1)));
    }
}
