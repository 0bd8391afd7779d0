using System.Runtime.InteropServices;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>The last event of a grain's journal: its version, and its position, where the chain back through the grain's events starts.</summary>
internal readonly record struct JournalHead(long Version, long Position);

/// <summary>The heads of the grains' journals while the backend runs.</summary>
/// <remarks>
/// <c>journal_heads</c> holds every head as of the position in <c>journal_mark</c>; the heads of events after the mark
/// are only here (and are found again by a scan after a crash). Every grain written after the mark has its head here,
/// so a grain missing here has the head the table gives. Only the writer changes this, and it publishes a head only
/// after the events it points at are committed, so a reader never follows a chain into events it cannot see.
/// The heads are a plain dictionary under a lock, updated in place: a concurrent dictionary would allocate a node per
/// changed head (the head is too large to write atomically), one more object per event for the collector to promote.
/// Readers are rare (a journal read that finds no later head), and the writer takes the lock once per batch.
/// </remarks>
internal sealed class JournalHeads(int checkpointEvents)
{
    readonly int _checkpointEvents = checkpointEvents > 0
        ? checkpointEvents
        : throw new ArgumentOutOfRangeException(nameof(checkpointEvents), checkpointEvents, "Journal heads are written after a positive number of events.");
    readonly Lock _lock = new();
    Dictionary<GrainId, JournalHead> _heads = [];
    HashSet<GrainId> _dirty = [];

    /// <summary>The position up to which <c>journal_heads</c> is complete.</summary>
    public long Mark { get; private set; }

    /// <summary>Events committed after <see cref="Mark"/>.</summary>
    public long EventsAfterMark { get; private set; }

    /// <summary>Whether the heads should be written to the table with a batch of <paramref name="batchEvents"/> more events.</summary>
    public bool CheckpointDue(int batchEvents) => EventsAfterMark + batchEvents >= _checkpointEvents;

    public bool TryGet(GrainId grainId, out JournalHead head)
    {
        lock (_lock)
            return _heads.TryGetValue(grainId, out head);
    }

    /// <summary>Remembers a head read from the table (writer only): it is what the table says, so it is not dirty.</summary>
    public void Remember(GrainId grainId, JournalHead head)
    {
        lock (_lock)
            _heads.TryAdd(grainId, head);
    }

    /// <summary>Publishes the heads of a committed batch.</summary>
    public void Committed(IEnumerable<KeyValuePair<GrainId, JournalHead>> heads, int events)
    {
        lock (_lock)
        {
            foreach (var (grainId, head) in heads)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_heads, grainId, out _) = head;
                _dirty.Add(grainId);
            }
        }
        EventsAfterMark += events;
    }

    /// <summary>The heads written after the mark, in table order, for a checkpoint.</summary>
    public List<KeyValuePair<GrainId, JournalHead>> Dirty()
    {
        var dirty = new List<KeyValuePair<GrainId, JournalHead>>(_dirty.Count);
        lock (_lock)
        {
            foreach (var grainId in _dirty)
                dirty.Add(new(grainId, _heads[grainId]));
        }
        // Close to the table's order, so the writes walk its pages once instead of jumping about.
        dirty.Sort(static (a, b) =>
        {
            var type = string.CompareOrdinal(a.Key.Type, b.Key.Type);
            return type != 0 ? type : string.CompareOrdinal(a.Key.Key, b.Key.Key);
        });
        return dirty;
    }

    /// <summary>Called once a checkpoint that wrote every dirty head up to <paramref name="mark"/> is committed.</summary>
    public void CheckpointCommitted(long mark)
    {
        _dirty.Clear();
        Mark = mark;
        EventsAfterMark = 0;
    }

    /// <summary>Starts over from the table's mark and the heads of the events after it (at start, or after another connection wrote).</summary>
    public void Reset(long mark, Dictionary<GrainId, JournalHead> afterMark, long eventsAfterMark)
    {
        lock (_lock)
            _heads = new Dictionary<GrainId, JournalHead>(afterMark);
        _dirty = [.. afterMark.Keys];
        Mark = mark;
        EventsAfterMark = eventsAfterMark;
    }
}
