namespace CityActors.Grains.Facilities;

/// <summary>One facility of the city (key: its id, such as <c>school-025</c>): registry data, live status, history, alarms.</summary>
public interface IFacilityGrain : IGrainWithStringKey
{
    /// <summary>Registers the facility or updates its registry data; the same data again changes nothing.</summary>
    /// <exception cref="ValidationException">Unknown kind, a missing name, a point off the globe.</exception>
    Task RegisterAsync(FacilityRegistration registration, ChangeContext change);

    /// <summary>Applies a status update; a repeated idempotency key changes nothing.</summary>
    /// <exception cref="ValidationException">A status or reading the kind does not allow, a value out of range; nothing changed.</exception>
    /// <exception cref="NotRegisteredException">The facility is not registered.</exception>
    Task<UpdateResult> ReportStatusAsync(StatusUpdate update);

    [ReadOnly]
    Task<FacilitySnapshot> GetSnapshotAsync();

    /// <summary>The state as it was at <paramref name="at"/>, from the journal (changes observed up to then, in observed order).</summary>
    [ReadOnly]
    Task<FacilitySnapshot> GetStateAtAsync(DateTimeOffset at);

    /// <summary>Changes observed in [<paramref name="from"/>, <paramref name="to"/>), in observed order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<FacilityHistoryEntry>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Acknowledges the active alarm of this type; acknowledging it again changes nothing.</summary>
    /// <exception cref="ValidationException">No active alarm of this type.</exception>
    Task AcknowledgeAlarmAsync(string alarmType, ChangeContext change);

    /// <summary>Clears the active alarm of this type. The <c>offline</c> alarm clears itself when the facility reports.</summary>
    /// <exception cref="ValidationException">No active alarm of this type, or it is the offline alarm.</exception>
    Task ClearAlarmAsync(string alarmType, ChangeContext change);
}
