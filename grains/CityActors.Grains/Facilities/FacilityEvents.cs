using System.Text.Json.Serialization;
using CityActors.Grains.Stored;

namespace CityActors.Grains.Facilities;

/// <summary>The base of a facility's events; alarm events derive from it too.</summary>
/// <remarks>
/// <see cref="Before"/> and <see cref="After"/> carry the facility's rollup footprint when the event changed it, so
/// the aggregate can move its counts without keeping a copy of every facility.
/// </remarks>
public abstract record FacilityEvent : CityEvent
{
    /// <summary>The facility's kind, district and department after the event.</summary>
    public FacilityDims? Dims { get; init; }

    public Footprint? Before { get; init; }

    public Footprint? After { get; init; }
}

/// <summary>The facility was registered (first time: <see cref="FacilityEvent.Before"/> is null) or its registry data changed.</summary>
/// <param name="Status">The status a new facility starts in: its kind's first.</param>
/// <param name="StatusAvailable">Whether that status counts as available.</param>
public sealed record FacilityRegistered(FacilityRegistration Registration, string Status, bool StatusAvailable) : FacilityEvent;

/// <summary>A status report that changed something, or arrived late (observed before the live state).</summary>
/// <param name="Readings">The readings the report carried (not all of the facility's).</param>
/// <param name="Late">Observed before the live status: recorded in history, not shown live.</param>
[JsonConverter(typeof(StatusReportedJson))]
public sealed record StatusReported(string Status, bool StatusAvailable, IReadOnlyDictionary<string, double> Readings, bool Late)
    : FacilityEvent;
