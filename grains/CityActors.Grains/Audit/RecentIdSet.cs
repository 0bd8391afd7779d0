namespace CityActors.Grains.Audit;

/// <summary>The ids of the latest entries, in two generations: the last <c>generation</c> ids added are always held.</summary>
/// <remarks>
/// When the newer generation is full it becomes the older one and the older one, emptied, the newer: the sets keep their
/// capacity, so once both have filled, adding an id allocates nothing. A persistent set would allocate a path of tree
/// nodes per id that lived until replaced, and each of them would be promoted by the collector.
/// </remarks>
internal sealed class RecentIdSet(int generation)
{
    HashSet<string> _newer = new(StringComparer.Ordinal);
    HashSet<string> _older = new(StringComparer.Ordinal);

    public bool Contains(string id) => _newer.Contains(id) || _older.Contains(id);

    public void Add(string id)
    {
        if (!_newer.Add(id) || _newer.Count < generation)
            return;
        (_older, _newer) = (_newer, _older);
        _newer.Clear();
    }
}
