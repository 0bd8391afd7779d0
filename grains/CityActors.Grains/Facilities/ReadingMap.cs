using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CityActors.Grains.Facilities;

/// <summary>A facility's readings: an immutable map in one small array, in the order the readings first came.</summary>
/// <remarks>
/// A report that changes a reading makes a new map. A facility has a handful of readings, so one array of pairs,
/// looked through in order, is both smaller and quicker than a dictionary, whose three arrays and object each report
/// would otherwise leave for the collector to promote.
/// </remarks>
internal sealed class ReadingMap : IReadOnlyDictionary<string, ReadingValue>
{
    readonly KeyValuePair<string, ReadingValue>[] _entries;

    ReadingMap(KeyValuePair<string, ReadingValue>[] entries) => _entries = entries;

    /// <summary>
    /// <paramref name="readings"/> with a report's readings observed at <paramref name="observed"/>, each where it is not
    /// older than the value there (a reading already there keeps its place, a new one goes last); null when none is.
    /// </summary>
    public static ReadingMap? With(IReadOnlyDictionary<string, ReadingValue> readings, IReadOnlyDictionary<string, double> reported, DateTimeOffset observed)
    {
        var added = 0;
        var applies = false;
        foreach (var name in reported.Keys)
        {
            if (!readings.TryGetValue(name, out var current))
            {
                added++;
                applies = true;
            }
            else if (observed >= current.ObservedAt)
            {
                applies = true;
            }
        }
        if (!applies)
            return null;
        var entries = new KeyValuePair<string, ReadingValue>[readings.Count + added];
        var count = 0;
        foreach (var (name, value) in readings)
        {
            entries[count++] = reported.TryGetValue(name, out var reading) && observed >= value.ObservedAt
                ? new(name, new ReadingValue(reading, observed))
                : new(name, value);
        }
        foreach (var (name, reading) in reported)
        {
            if (!readings.ContainsKey(name))
                entries[count++] = new(name, new ReadingValue(reading, observed));
        }
        return new ReadingMap(entries);
    }

    /// <summary>
    /// The readings a state keeps when it absorbs a successor's (<see cref="FacilityState.Absorb"/>): its own map with the
    /// successor's values written in when both have the same names in the same order (the usual case: a report changes
    /// values, not names), else a copy of the successor's map, never the successor's own object. Breaks the immutability
    /// of <paramref name="mine"/>, which only a state that nothing else holds may pass.
    /// </summary>
    public static IReadOnlyDictionary<string, ReadingValue> Absorb(IReadOnlyDictionary<string, ReadingValue> mine, IReadOnlyDictionary<string, ReadingValue> theirs)
        => theirs is not ReadingMap map ? theirs : mine is ReadingMap own && own.TryOverwrite(map) ? own : map.Copy();

    /// <summary>Overwrites this map's values with <paramref name="other"/>'s when both have the same names in the same order; false, and unchanged, otherwise.</summary>
    bool TryOverwrite(ReadingMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            return true;
        if (other._entries.Length != _entries.Length)
            return false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal))
                return false;
        }
        for (var i = 0; i < _entries.Length; i++)
            _entries[i] = new(_entries[i].Key, other._entries[i].Value);
        return true;
    }

    /// <summary>A map of its own with the same readings, for what leaves the grain.</summary>
    public ReadingMap Copy() => new((KeyValuePair<string, ReadingValue>[])_entries.Clone());

    public int Count => _entries.Length;

    public ReadingValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No reading '{key}'.");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<ReadingValue> Values => _entries.Select(e => e.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ReadingValue value)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ReadingValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ReadingValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
