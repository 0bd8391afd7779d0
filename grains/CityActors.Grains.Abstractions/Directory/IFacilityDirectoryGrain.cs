namespace CityActors.Grains.Directory;

/// <summary>Every facility of a city (key: the city name) with its live summary, fed by the <c>city-events</c> stream.</summary>
/// <remarks>
/// The directory follows the stream, so it trails the facilities by the stream's delivery delay (milliseconds);
/// <see cref="FacilityPage.Checkpoint"/> says how far it has read. Heartbeats are not events: last-seen here is
/// the last report that changed something; a facility's own snapshot has the exact value.
/// </remarks>
public interface IFacilityDirectoryGrain : IGrainWithStringKey
{
    /// <summary>One page of the facilities that match, with the number that match in all.</summary>
    /// <exception cref="ValidationException">A negative offset or a limit outside 1..<see cref="FacilityQuery.MaxLimit"/>.</exception>
    [ReadOnly]
    Task<FacilityPage> ListAsync(FacilityQuery query);

    /// <summary>Reads what the city's journal holds beyond the stream's delivery, up to its last durable event, and returns the position read to.</summary>
    /// <remarks>After it, every facility registered before the call is listed: for an export, which must not trail the registry.</remarks>
    Task<long> CatchUpAsync();

    /// <summary>One facility's listing; null when no facility has that key.</summary>
    [ReadOnly]
    Task<FacilityListing?> GetAsync(string facility);

    /// <summary>One page of the active (raised or acknowledged) alarms that match: the most severe first, then the newest.</summary>
    /// <exception cref="ValidationException">A negative offset or a limit outside 1..<see cref="FacilityQuery.MaxLimit"/>.</exception>
    [ReadOnly]
    Task<AlarmPage> ListAlarmsAsync(AlarmQuery query);
}
