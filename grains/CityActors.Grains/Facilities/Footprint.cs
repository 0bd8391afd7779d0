using System.Text.Json.Serialization;
using CityActors.Grains.Alarms;
using CityActors.Grains.Stored;

namespace CityActors.Grains.Facilities;

/// <summary>The dimensions the city groups facilities by.</summary>
[JsonConverter(typeof(FacilityDimsJson))]
public sealed record FacilityDims(string Kind, string District, string Department);

/// <summary>What a facility contributes to the city's rollups and yearly figures at one moment.</summary>
/// <param name="Status">The effective status: <c>offline</c> while the offline alarm is active, else the reported one.</param>
/// <param name="AvailableSince">When <paramref name="Available"/> took its value: the start of the running outage or service period.</param>
/// <param name="MemberSince">When the facility entered its (kind, department) group: registration, or a change of department.</param>
[JsonConverter(typeof(FootprintJson))]
public sealed record Footprint(
    FacilityDims Dims,
    string Status,
    bool Available,
    bool Offline,
    AlarmCounts Alarms,
    DateTimeOffset AvailableSince,
    DateTimeOffset MemberSince)
{
    /// <summary>Applies an event and stamps it with the facility's key, dimensions and, when they change, its footprints.</summary>
    public static (FacilityEvent Event, FacilityState State) Stamp(FacilityState from, FacilityEvent @event, string key)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(@event);
        var to = from.Apply(@event);
        var before = Of(from);
        var after = Of(to, before?.Dims);
        var changed = before != after;
        var stamped = @event with { Subject = key, Dims = (after ?? before)?.Dims, Before = changed ? before : null, After = changed ? after : null };
        return (stamped, to);
    }

    /// <summary>The footprint of a state; <paramref name="dims"/>, when they are the state's, are used instead of new ones.</summary>
    public static Footprint? Of(FacilityState state, FacilityDims? dims = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Registration is not { } registration)
            return null;
        if (dims is null || dims.Kind != registration.Kind || dims.District != registration.District || dims.Department != registration.Department)
            dims = new FacilityDims(registration.Kind, registration.District, registration.Department);
        var alarms = default(AlarmCounts);
        foreach (var alarm in state.Alarms)
            alarms = alarms.Add(alarm.Severity, 1);
        return new Footprint(
            dims,
            state.Offline ? Alarm.Offline : state.Status,
            state.Available,
            state.Offline,
            alarms,
            state.AvailableSince,
            state.MemberSince);
    }
}
