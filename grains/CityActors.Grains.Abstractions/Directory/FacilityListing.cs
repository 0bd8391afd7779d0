using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Directory;

/// <summary>One facility as the directory lists it: registry data and a live summary.</summary>
/// <param name="Key">The facility's grain key, such as <c>school-025</c>.</param>
/// <param name="Status">The effective status: <c>offline</c> while the offline alarm is active.</param>
/// <param name="Alarms">Active alarms by severity.</param>
/// <param name="LastSeenAt">When the last report that changed something was received; null before the first.</param>
/// <param name="LocationPublic">Whether <paramref name="Location"/> may be shown to the public.</param>
/// <param name="ChangedAt">When the directory last saw a change of this facility (server time).</param>
/// <param name="ActiveAlarms">The active alarms themselves.</param>
public sealed record FacilityListing(
    string Key,
    string Kind,
    string Name,
    string Address,
    string District,
    string Department,
    string Status,
    bool Available,
    bool Offline,
    AlarmCounts Alarms,
    DateTimeOffset? LastSeenAt,
    bool LocationPublic,
    GeoPoint? Location,
    int? Capacity,
    DateTimeOffset ChangedAt,
    IReadOnlyList<Alarm> ActiveAlarms);

/// <summary>One page of facilities.</summary>
/// <param name="Total">How many facilities match the query in all.</param>
/// <param name="Checkpoint">The position in the city's stream up to which the directory is current.</param>
public sealed record FacilityPage(IReadOnlyList<FacilityListing> Items, int Total, int Offset, int Limit, long Checkpoint);

/// <summary>An active alarm with the facility it belongs to.</summary>
public sealed record ActiveAlarm(string Facility, string FacilityName, string Kind, string District, string Department, Alarm Alarm);

/// <summary>One page of active alarms.</summary>
public sealed record AlarmPage(IReadOnlyList<ActiveAlarm> Items, int Total, int Offset, int Limit, long Checkpoint);
