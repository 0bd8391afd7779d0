using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Directory;

/// <summary>One facility in the directory: its listing, with what status reports change held apart until it is read.</summary>
/// <remarks>
/// A status report changes a few fields of a listing; a new listing per report would be one more object per update for
/// the collector to promote. The entry keeps those fields itself and makes the listing when it is read (a page, a
/// snapshot), so a facility reported a hundred times between two reads makes one listing. Other events (registration,
/// alarms) are rare and fold into the listing as before. Only the directory's grain uses an entry, one turn at a time.
/// </remarks>
internal sealed class DirectoryEntry(FacilityListing listing)
{
    FacilityListing _listing = listing;
    Live? _live;

    public FacilityListing Listing
    {
        get
        {
            if (_live is { } live)
            {
                _listing = _listing with
                {
                    Status = live.Status, Available = live.Available, Offline = live.Offline, LastSeenAt = live.LastSeenAt, ChangedAt = live.ChangedAt,
                };
                _live = null;
            }
            return _listing;
        }
    }

    public string Key => _listing.Key;
    public string Kind => _listing.Kind;
    public string Name => _listing.Name;
    public string Address => _listing.Address;
    public string District => _listing.District;
    public string Department => _listing.Department;
    public bool LocationPublic => _listing.LocationPublic;
    public AlarmCounts Alarms => _listing.Alarms;
    public IReadOnlyList<Alarm> ActiveAlarms => _listing.ActiveAlarms;
    public string Status => _live?.Status ?? _listing.Status;
    public bool Available => _live?.Available ?? _listing.Available;
    public bool Offline => _live?.Offline ?? _listing.Offline;
    public DateTimeOffset? LastSeenAt => _live is { } live ? live.LastSeenAt : _listing.LastSeenAt;

    /// <summary>Folds an event of this facility in: a status report into the held fields, anything else into the listing.</summary>
    public void Apply(FacilityEvent @event)
    {
        if (@event is StatusReported)
        {
            // What DirectoryListings.Apply does with a status report, without a new listing.
            var after = @event.After;
            var received = @event.Change.ReceivedAt;
            _live = new Live(after?.Status ?? Status, after?.Available ?? Available, after?.Offline ?? Offline, received, received);
            return;
        }
        _listing = DirectoryListings.Apply(Listing, @event)!;
    }

    readonly record struct Live(string Status, bool Available, bool Offline, DateTimeOffset? LastSeenAt, DateTimeOffset ChangedAt);
}
