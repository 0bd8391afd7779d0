namespace CityActors.Grains.Facilities;

/// <summary>The idempotency keys an activation has seen lately, with how far back they are complete.</summary>
/// <remarks>
/// Keeps the last <see cref="Capacity"/> keys with their observed times (growing to that size only as keys arrive, so an
/// idle facility costs little). <see cref="CompleteAfter"/> is the latest observed time of any key it let go (or, after
/// activation, of anything journaled before): every key observed after it is still here. So for an update observed after
/// that moment, "not here" means "new" without reading the journal.
/// </remarks>
internal sealed class KeyWindow(DateTimeOffset completeAfter)
{
    public const int Capacity = 32;

    long[] _keys = [];
    long[] _observedTicks = [];
    int _count;
    int _next;
    long _completeAfterTicks = completeAfter.UtcTicks;

    public DateTimeOffset CompleteAfter => new(_completeAfterTicks, TimeSpan.Zero);

    public bool Contains(long key) => _keys.AsSpan(0, _count).Contains(key);

    public void Add(long key, DateTimeOffset observedAt)
    {
        if (_count == _keys.Length && _count < Capacity)
        {
            Array.Resize(ref _keys, Math.Max(4, _count * 2));
            Array.Resize(ref _observedTicks, _keys.Length);
            _next = _count;
        }
        if (_count == Capacity && _observedTicks[_next] > _completeAfterTicks)
            _completeAfterTicks = _observedTicks[_next];
        _keys[_next] = key;
        _observedTicks[_next] = observedAt.UtcTicks;
        _next = (_next + 1) % _keys.Length;
        _count = Math.Min(_count + 1, Capacity);
    }
}
