using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Directory;

/// <summary>Folds one facility event into that facility's listing.</summary>
public static class DirectoryListings
{
    /// <summary>The listing after <paramref name="event"/>; null for an event of a facility that was never registered.</summary>
    public static FacilityListing? Apply(FacilityListing? listing, FacilityEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var change = @event.Change;
        if (@event is FacilityRegistered registered)
            listing = Register(listing, @event.Subject, registered);
        if (listing is null)
            return null;
        listing = @event switch
        {
            AlarmRaised raised => WithAlarms(listing, [.. listing.ActiveAlarms.Where(a => a.Type != raised.Type),
                new Alarm(raised.Type, raised.Severity, raised.Message, AlarmState.Raised, change.ObservedAt, change.By)]),
            AlarmAcknowledged acknowledged => WithAlarms(listing, [.. listing.ActiveAlarms.Select(a => a.Type == acknowledged.Type
                ? a with { State = AlarmState.Acknowledged, AcknowledgedAt = change.ObservedAt, AcknowledgedBy = change.By }
                : a)]),
            AlarmCleared cleared => WithAlarms(listing, [.. listing.ActiveAlarms.Where(a => a.Type != cleared.Type)]),
            AlarmReminded reminded => WithAlarms(listing, [.. listing.ActiveAlarms.Select(a => a.Type == reminded.Type
                ? a with { Reminders = reminded.Reminder, RemindedAt = change.ObservedAt }
                : a)]),
            _ => listing,
        };
        // One copy for what every event changes, so a status report costs one new listing.
        var after = @event.After;
        return listing with
        {
            LastSeenAt = @event is StatusReported ? change.ReceivedAt : listing.LastSeenAt,
            Status = after?.Status ?? listing.Status,
            Available = after?.Available ?? listing.Available,
            Offline = after?.Offline ?? listing.Offline,
            ChangedAt = change.ReceivedAt,
        };
    }

    static FacilityListing Register(FacilityListing? listing, string key, FacilityRegistered registered)
    {
        var r = registered.Registration;
        return listing is null
            ? new FacilityListing(key, r.Kind, r.Name, r.Address, r.District, r.Department, registered.Status, registered.StatusAvailable,
                Offline: false, default, LastSeenAt: null, r.LocationPublic, r.Location, r.Capacity, registered.Change.ReceivedAt, [])
            : listing with
            {
                Kind = r.Kind,
                Name = r.Name,
                Address = r.Address,
                District = r.District,
                Department = r.Department,
                LocationPublic = r.LocationPublic,
                Location = r.Location,
                Capacity = r.Capacity,
            };
    }

    static FacilityListing WithAlarms(FacilityListing listing, Alarm[] alarms)
    {
        var counts = default(AlarmCounts);
        foreach (var alarm in alarms)
            counts = counts.Add(alarm.Severity, 1);
        return listing with { ActiveAlarms = alarms, Alarms = counts };
    }
}
