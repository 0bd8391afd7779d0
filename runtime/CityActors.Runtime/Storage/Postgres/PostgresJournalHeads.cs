namespace CityActors.Runtime.Storage.Postgres;

/// <summary>The journal heads this writer has committed, so that an append at one of them is inserted without a look into the table.</summary>
/// <remarks>
/// A head in the table only ever grows: events are never deleted, except the ones an append takes back within its own
/// transaction. So an append whose expected version is a head remembered here is either right, or another writer has
/// appended since, and then the unique index on (grain, version) fails the batch; the writer forgets every head and
/// commits the batch again, each append checked against the table. Grains not remembered here, or expected at another
/// version, are always checked. It remembers at most <c>capacity</c> grains: past that it starts again from
/// none, so a silo that writes to ever more grains holds no more than that many heads, and a forgotten grain's next
/// append is merely checked. Not thread-safe: one writer uses it.
/// </remarks>
internal sealed class PostgresJournalHeads(int capacity = PostgresJournalHeads.DefaultCapacity)
{
    /// <summary>About 100 MB of heads; a city writes to a few hundred thousand grains at most.</summary>
    public const int DefaultCapacity = 1_000_000;

    readonly Dictionary<GrainId, long> _committed = [];
    readonly Dictionary<GrainId, long> _batch = [];

    /// <summary>How many grains' heads are remembered now.</summary>
    public int Count => _committed.Count;

    /// <summary>Whether <paramref name="version"/> is the grain's head as this writer last wrote it, in this batch or before.</summary>
    public bool IsKnown(GrainId grainId, long version)
        => (_batch.TryGetValue(grainId, out var head) || _committed.TryGetValue(grainId, out head)) && head == version;

    /// <summary>Notes a head written by the batch in progress; it counts for later batches once the batch commits.</summary>
    public void Appended(GrainId grainId, long head) => _batch[grainId] = head;

    public void Committed()
    {
        if (_committed.Count + _batch.Count > capacity)
            _committed.Clear();
        foreach (var (grainId, head) in _batch)
            _committed[grainId] = head;
        _batch.Clear();
    }

    public void RolledBack() => _batch.Clear();

    /// <summary>Forgets every head, after another writer was found appending to the same grains.</summary>
    public void Forget()
    {
        _committed.Clear();
        _batch.Clear();
    }
}
