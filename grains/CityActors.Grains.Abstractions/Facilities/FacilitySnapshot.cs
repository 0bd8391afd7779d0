using CityActors.Grains.Alarms;

namespace CityActors.Grains.Facilities;

/// <summary>A facility's live state, or its state as of a moment in the past.</summary>
/// <param name="Key">The facility's grain key.</param>
/// <param name="Registration">Its registry data; null when it was not registered (yet).</param>
/// <param name="Status">Its status code.</param>
/// <param name="StatusSince">When the status last changed (observed time).</param>
/// <param name="Readings">Its readings by name, each with when it was observed.</param>
/// <param name="Available">Whether it does its job: registered, in an available status, and not offline.</param>
/// <param name="AvailableSince">Since when <paramref name="Available"/> has held its value.</param>
/// <param name="Offline">Whether the <c>offline</c> alarm is active.</param>
/// <param name="LastSeenAt">When the last report was received (server time).</param>
/// <param name="OfflineAt">When the facility goes offline if nothing more arrives; null when offline or unregistered.</param>
/// <param name="Alarms">Active alarms (raised or acknowledged).</param>
/// <param name="Version">The journal version this state comes from.</param>
public sealed record FacilitySnapshot(
    string Key,
    FacilityRegistration? Registration,
    string Status,
    DateTimeOffset? StatusSince,
    IReadOnlyDictionary<string, ReadingValue> Readings,
    bool Available,
    DateTimeOffset? AvailableSince,
    bool Offline,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? OfflineAt,
    IReadOnlyList<Alarm> Alarms,
    long Version);

/// <summary>A reading's value and when it was observed.</summary>
public readonly record struct ReadingValue(double Value, DateTimeOffset ObservedAt);
