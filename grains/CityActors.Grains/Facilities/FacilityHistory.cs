using CityActors.Grains.Alarms;

namespace CityActors.Grains.Facilities;

/// <summary>Turns a facility's journal into history entries, states as of a moment, and snapshots.</summary>
public static class FacilityHistory
{
    /// <summary>Journal entries in observed order; ties keep journal order.</summary>
    public static IEnumerable<JournalEntry<FacilityEvent>> InObservedOrder(IEnumerable<JournalEntry<FacilityEvent>> entries)
        => entries.OrderBy(e => e.Event.Change.ObservedAt).ThenBy(e => e.Version);

    /// <summary>The state folded from the changes observed up to <paramref name="at"/>, and the last version among them.</summary>
    public static (FacilityState State, long Version) StateAt(IEnumerable<JournalEntry<FacilityEvent>> journal, DateTimeOffset at)
    {
        var state = new FacilityState();
        long version = 0;
        foreach (var entry in InObservedOrder(journal.Where(e => e.Event.Change.ObservedAt <= at)))
        {
            state = state.Apply(entry.Event);
            version = Math.Max(version, entry.Version);
        }
        return (state, version);
    }

    public static FacilityHistoryEntry ToEntry(JournalEntry<FacilityEvent> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var change = entry.Event.Change;
        var basic = new FacilityHistoryEntry(entry.Version, "", change.ObservedAt, change.ReceivedAt, change.Source, change.Id, change.By, change.Reason);
        return entry.Event switch
        {
            FacilityRegistered r => basic with { What = "registered", Status = r.Status, Message = r.Registration.Name },
            StatusReported s => basic with { What = "status", Status = s.Status, Readings = s.Readings, Late = s.Late },
            AlarmRaised a => basic with { What = "alarm-raised", AlarmType = a.Type, Severity = a.Severity, Message = a.Message },
            AlarmAcknowledged a => basic with { What = "alarm-acknowledged", AlarmType = a.Type },
            AlarmCleared a => basic with { What = "alarm-cleared", AlarmType = a.Type },
            AlarmReminded a => basic with { What = "alarm-reminded", AlarmType = a.Type, Message = $"reminder {a.Reminder}" },
            _ => basic with { What = entry.Event.GetType().Name },
        };
    }

    public static FacilitySnapshot ToSnapshot(string key, FacilityState state, long version, DateTimeOffset? lastSeenAt, DateTimeOffset? offlineAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        var registered = state.Registration is not null;
        return new FacilitySnapshot(
            key,
            state.Registration,
            state.Status,
            registered ? state.StatusSince : null,
            // The live state's readings change in place (FacilityState.Absorb): a snapshot gets its own.
            state.Readings is ReadingMap readings ? readings.Copy() : state.Readings,
            state.Available,
            registered ? state.AvailableSince : null,
            state.Offline,
            lastSeenAt,
            state.Offline ? null : offlineAt,
            state.Alarms,
            version);
    }
}
