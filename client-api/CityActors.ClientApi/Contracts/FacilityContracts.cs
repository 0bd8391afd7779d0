using CityActors.Grains.Facilities;

namespace CityActors.ClientApi.Contracts;

/// <summary>A facility's registry data as a department sends it.</summary>
/// <param name="Reason">Why it changes, for the history and the audit.</param>
public sealed record RegisterFacilityRequest(
    string Kind,
    string Name,
    string Address,
    string District,
    string Department,
    GeoPoint? Location = null,
    bool LocationPublic = true,
    int? Capacity = null,
    string? Reason = null)
{
    public FacilityRegistration ToRegistration() => new(Kind, Name, Address, District, Department, Location, LocationPublic, Capacity);
}

/// <summary>One status update of one facility.</summary>
/// <param name="Readings">Readings by name; those not given keep their last value.</param>
/// <param name="ObservedAt">When the facility was in this state; now when not given.</param>
/// <param name="Source">CloudEvents <c>source</c>; the API key's when not given.</param>
/// <param name="Id">CloudEvents <c>id</c>, unique within the source: the same source and id twice is applied once.</param>
public sealed record StatusUpdateRequest(
    string Status,
    IReadOnlyDictionary<string, double>? Readings = null,
    DateTimeOffset? ObservedAt = null,
    string? Source = null,
    string? Id = null,
    string? By = null,
    string? Reason = null);

/// <summary>One item of a batch: a status update with the facility it is for.</summary>
public sealed record BatchUpdateItem(
    string Facility,
    string Status,
    IReadOnlyDictionary<string, double>? Readings = null,
    DateTimeOffset? ObservedAt = null,
    string? Source = null,
    string? Id = null,
    string? By = null,
    string? Reason = null);

/// <summary>What one status update did.</summary>
public sealed record UpdateResponse(string Facility, UpdateOutcome Outcome, long Version, string Source, string Id);

/// <summary>What a batch did, item by item in the order sent.</summary>
public sealed record BatchResponse(int Count, int Applied, int Heartbeats, int Late, int Duplicates, IReadOnlyList<BatchItemResult> Results);

public sealed record BatchItemResult(int Index, string Facility, UpdateOutcome Outcome, long Version, string Id);

/// <summary>Why one item of a refused batch was refused.</summary>
public sealed record BatchItemError(int Index, string? Facility, string Field, string Reason);

/// <summary>Acknowledging or clearing an alarm: who (when not the key's holder) and why.</summary>
public sealed record AlarmActionRequest(string? Reason = null, string? By = null);
