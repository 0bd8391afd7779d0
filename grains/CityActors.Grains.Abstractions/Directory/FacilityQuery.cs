using CityActors.Grains.Alarms;

namespace CityActors.Grains.Directory;

/// <summary>Which facilities to list, in what order, and which page. Filters left null match everything.</summary>
/// <param name="Status">The effective status, <c>offline</c> included.</param>
/// <param name="Search">Text searched for in the name, address and key, ignoring case (and the kind of apostrophe).</param>
/// <param name="SearchWithheldAddresses">
/// Whether <paramref name="Search"/> may look into the addresses of facilities whose location is not publishable. The
/// public's queries set it false: for a shelter or a camera the address is its location, so a match would reveal it.
/// </param>
public sealed record FacilityQuery(
    string? Kind = null,
    string? Status = null,
    string? District = null,
    string? Department = null,
    AlarmFilter Alarm = AlarmFilter.All,
    bool? Available = null,
    string? Search = null,
    FacilitySort Sort = FacilitySort.Key,
    bool Descending = false,
    int Offset = 0,
    int Limit = FacilityQuery.DefaultLimit,
    bool SearchWithheldAddresses = true)
{
    public const int DefaultLimit = 50;

    /// <summary>The largest page: the whole demo city fits in one.</summary>
    public const int MaxLimit = 10_000;
}

/// <summary>Filter by active alarms.</summary>
public enum AlarmFilter
{
    /// <summary>No filter.</summary>
    All,

    /// <summary>At least one active alarm.</summary>
    Any,

    /// <summary>No active alarm.</summary>
    None,

    /// <summary>At least one active info alarm.</summary>
    Info,

    /// <summary>At least one active warning alarm.</summary>
    Warning,

    /// <summary>At least one active critical alarm.</summary>
    Critical,
}

/// <summary>The order of a facility list; ties are broken by key.</summary>
public enum FacilitySort
{
    Key,
    Name,
    Kind,
    Status,
    District,
    Department,

    /// <summary>By last seen, never-seen facilities first (ascending).</summary>
    LastSeen,

    /// <summary>By active alarms: critical, then warning, then info counts.</summary>
    Alarms,
}

/// <summary>Which active alarms to list. Filters left null match everything.</summary>
public sealed record AlarmQuery(
    AlarmSeverity? Severity = null,
    AlarmState? State = null,
    string? Type = null,
    string? Kind = null,
    string? District = null,
    string? Department = null,
    string? Facility = null,
    int Offset = 0,
    int Limit = FacilityQuery.DefaultLimit);
