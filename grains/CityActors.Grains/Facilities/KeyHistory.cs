using System.Collections;

namespace CityActors.Grains.Facilities;

/// <summary>The latest keys of a facility's journaled changes, newest last: an immutable list that is cheap to extend.</summary>
/// <remarks>
/// Every status report adds a key, so a new list per report would leave an array behind for the collector to promote
/// each time. Successive lists share one buffer instead: a list that ends where the buffer's written part ends appends
/// in place, and the new list sees one more key while the old one still sees what it saw. Any other list (an older
/// state extended again, after its tentative successor was dropped) copies its keys to a new buffer first. A buffer
/// holds twice <see cref="FacilityState.RecentKeyCount"/> keys, so a copy happens once per that many keys. It is a
/// collection too, so <c>Contains</c> on it looks through the keys without an enumerator.
/// </remarks>
internal sealed class KeyHistory : IReadOnlyList<long>, ICollection<long>
{
    readonly Buffer _buffer;
    int _start;

    KeyHistory(Buffer buffer, int start, int count)
    {
        _buffer = buffer;
        _start = start;
        Count = count;
    }

    public int Count { get; private set; }

    /// <summary>
    /// The keys a state keeps when it absorbs a successor's (<see cref="FacilityState.Absorb"/>): its own list moved to
    /// the successor's window when both are over the same buffer, else a list of its own over the successor's keys
    /// (once per buffer, when a new one began), never the successor's own object. Breaks the immutability of
    /// <paramref name="mine"/>, which only a state that nothing else holds may pass.
    /// </summary>
    public static IReadOnlyList<long> Absorb(IReadOnlyList<long> mine, IReadOnlyList<long> theirs)
        => theirs is not KeyHistory history ? theirs
            : mine is KeyHistory own && own.TryMoveTo(history) ? own
            : new KeyHistory(history._buffer, history._start, history.Count);

    /// <summary>Becomes the list <paramref name="other"/> is, when both are over the same buffer; false, and unchanged, otherwise.</summary>
    bool TryMoveTo(KeyHistory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other._buffer, _buffer))
            return false;
        (_start, Count) = (other._start, other.Count);
        return true;
    }

    public long this[int index]
        => (uint)index < (uint)Count ? _buffer.Keys[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The last at most <paramref name="capacity"/> keys of <paramref name="keys"/> followed by <paramref name="key"/>.</summary>
    public static IReadOnlyList<long> Append(IReadOnlyList<long> keys, long key, int capacity)
    {
        var count = Math.Min(keys.Count + 1, capacity);
        if (keys is KeyHistory history && history._start + history.Count == history._buffer.Written && history._buffer.Written < history._buffer.Keys.Length)
        {
            history._buffer.Keys[history._buffer.Written++] = key;
            return new KeyHistory(history._buffer, history._start + history.Count + 1 - count, count);
        }
        var buffer = new Buffer(new long[2 * capacity]);
        for (var i = keys.Count - (count - 1); i < keys.Count; i++)
            buffer.Keys[buffer.Written++] = keys[i];
        buffer.Keys[buffer.Written++] = key;
        return new KeyHistory(buffer, 0, count);
    }

    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return _buffer.Keys[_start + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(long item) => Array.IndexOf(_buffer.Keys, item, _start, Count) >= 0;

    public void CopyTo(long[] array, int arrayIndex) => Array.Copy(_buffer.Keys, _start, array, arrayIndex, Count);

    bool ICollection<long>.IsReadOnly => true;

    void ICollection<long>.Add(long item) => throw new NotSupportedException("Keys are added with Append, which returns a new list.");

    bool ICollection<long>.Remove(long item) => throw new NotSupportedException("A key history is immutable.");

    void ICollection<long>.Clear() => throw new NotSupportedException("A key history is immutable.");

    /// <summary>Keys written so far; a slot is written once and never changed, so every list over it stays as it was.</summary>
    sealed class Buffer(long[] keys)
    {
        public long[] Keys { get; } = keys;
        public int Written { get; set; }
    }
}
