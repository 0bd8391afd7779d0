using System.Text.Json;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Tests.Facilities;

public sealed class KeyHistoryTests
{
    const int Capacity = FacilityState.RecentKeyCount;

    [Fact]
    public void Append_InALine_KeepsTheLastKeysNewestLast()
    {
        IReadOnlyList<long> keys = [];
        for (long key = 1; key <= 40; key++)
            keys = KeyHistory.Append(keys, key, Capacity);

        Assert.Equal(Enumerable.Range(25, Capacity).Select(k => (long)k), keys);
        Assert.Equal(40, keys[^1]);
        Assert.Contains(25L, keys);
        Assert.DoesNotContain(24L, keys);
        var copied = new long[Capacity + 1];
        ((ICollection<long>)keys).CopyTo(copied, 1);
        Assert.Equal(keys, copied.Skip(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys[Capacity]);
    }

    [Fact]
    public void Append_FromOlderLists_LeavesEveryListAsItWas()
    {
        // Lists extended from any earlier one, as when a tentative state is dropped and its confirmed state extended
        // again: each must hold the last keys of its own line, whatever was appended to the others since.
        var random = new Random(20261205);
        var lists = new List<(IReadOnlyList<long> Keys, List<long> Line)> { ([], []) };
        for (long key = 1; key <= 5_000; key++)
        {
            // Mostly the newest list, as a facility's states go; now and then any earlier one.
            var (keys, line) = lists[random.Next(4) == 0 ? random.Next(lists.Count) : lists.Count - 1];
            lists.Add((KeyHistory.Append(keys, key, Capacity), [.. line, key]));
        }

        Assert.All(lists, entry => Assert.Equal(entry.Line.TakeLast(Capacity), entry.Keys));
    }

    [Fact]
    public void Append_ToAListReadBack_ContinuesIt()
    {
        IReadOnlyList<long> keys = [];
        for (long key = 1; key <= 20; key++)
            keys = KeyHistory.Append(keys, key, Capacity);

        var stored = JsonSerializer.Serialize(keys);
        var next = KeyHistory.Append(JsonSerializer.Deserialize<List<long>>(stored)!, 21, Capacity);

        Assert.Equal($"[{string.Join(",", Enumerable.Range(5, Capacity))}]", stored);
        Assert.Equal(Enumerable.Range(6, Capacity).Select(k => (long)k), next);
    }
}
