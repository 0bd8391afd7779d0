namespace CityActors.Grains.Audit;

/// <summary>The ids of the latest entries, in two generations: the last <c>generation</c> ids added are always held.</summary>
/// <remarks>
/// When the newer generation is full it becomes the older one and the older one, emptied, the newer: the sets keep their
/// capacity, so once both have filled, adding an id allocates nothing. A persistent set would allocate a path of tree
/// nodes per id that lived until replaced, and each of them would be promoted by the collector. Ids in the form the
/// audit trail gives them (a GUID in 32 hex digits) are held as 16-byte values, not as the strings that came with the
/// entries, which would otherwise live on in the set; any other id is held as its string.
/// </remarks>
internal sealed class RecentIdSet(int generation)
{
    Generation _newer = new();
    Generation _older = new();

    public bool Contains(string id)
        => AsGuid(id, out var guid) ? _newer.Guids.Contains(guid) || _older.Guids.Contains(guid)
            : _newer.Others.Contains(id) || _older.Others.Contains(id);

    public void Add(string id)
    {
        if (!_newer.Add(id) || _newer.Count < generation)
            return;
        (_older, _newer) = (_newer, _older);
        _newer.Clear();
    }

    /// <summary>Whether the id is a GUID in exactly the form <c>Guid.ToString("N")</c> gives (lower case), so that its value stands for it.</summary>
    static bool AsGuid(string id, out Guid guid) => Guid.TryParseExact(id, "N", out guid) && !id.AsSpan().ContainsAnyInRange('A', 'F');

    sealed class Generation
    {
        public HashSet<Guid> Guids { get; } = [];
        public HashSet<string> Others { get; } = new(StringComparer.Ordinal);
        public int Count => Guids.Count + Others.Count;

        public bool Add(string id) => AsGuid(id, out var guid) ? Guids.Add(guid) : Others.Add(id);

        public void Clear()
        {
            Guids.Clear();
            Others.Clear();
        }
    }
}
