using CityActors.Grains.Alarms;

namespace CityActors.Grains.Facilities;

/// <summary>A facility's state: the fold of its journal.</summary>
/// <remarks>
/// The status and each reading are last-writer-wins registers by observed time: a report observed before the
/// value it would replace leaves that value alone. So the fold gives the same state in any order of the same
/// events, which is what lets "state at T" fold the journal in observed order and still agree with the live state.
/// </remarks>
public sealed record FacilityState
{
    /// <summary>How many idempotency keys of journaled changes the state keeps (the journal answers for older ones).</summary>
    public const int RecentKeyCount = 16;

    static readonly IReadOnlyDictionary<string, ReadingValue> s_noReadings = new Dictionary<string, ReadingValue>();

    // Backing fields, so that Absorb can move a confirmed successor's values into this state (see there).
    FacilityRegistration? _registration;
    DateTimeOffset _memberSince;
    string _status = "";
    bool _statusAvailable;
    DateTimeOffset _statusObservedAt;
    DateTimeOffset _statusSince;
    IReadOnlyDictionary<string, ReadingValue> _readings = s_noReadings;
    bool _offline;
    bool _available;
    DateTimeOffset _availableSince;
    IReadOnlyList<Alarm> _alarms = [];
    DateTimeOffset _lastReceivedAt;
    DateTimeOffset _latestObservedAt;
    IReadOnlyList<long> _recentKeys = [];

    public FacilityRegistration? Registration { get => _registration; init => _registration = value; }
    public DateTimeOffset MemberSince { get => _memberSince; init => _memberSince = value; }
    public string Status { get => _status; init => _status = value; }
    public bool StatusAvailable { get => _statusAvailable; init => _statusAvailable = value; }

    /// <summary>The observed time of the report that set the status: the status register's clock.</summary>
    public DateTimeOffset StatusObservedAt { get => _statusObservedAt; init => _statusObservedAt = value; }

    /// <summary>When the status last changed value.</summary>
    public DateTimeOffset StatusSince { get => _statusSince; init => _statusSince = value; }

    public IReadOnlyDictionary<string, ReadingValue> Readings { get => _readings; init => _readings = value; }
    public bool Offline { get => _offline; init => _offline = value; }
    public bool Available { get => _available; init => _available = value; }
    public DateTimeOffset AvailableSince { get => _availableSince; init => _availableSince = value; }

    /// <summary>Active alarms (raised or acknowledged), at most one per type.</summary>
    public IReadOnlyList<Alarm> Alarms { get => _alarms; init => _alarms = value; }

    /// <summary>When the latest journaled report (or the registration) was received: where offline detection restarts.</summary>
    public DateTimeOffset LastReceivedAt { get => _lastReceivedAt; init => _lastReceivedAt = value; }

    /// <summary>The latest observed time of any journaled report: a report observed after it cannot repeat one.</summary>
    public DateTimeOffset LatestObservedAt { get => _latestObservedAt; init => _latestObservedAt = value; }

    /// <summary>Hashes of the latest journaled idempotency keys, newest last.</summary>
    public IReadOnlyList<long> RecentKeys { get => _recentKeys; init => _recentKeys = value; }

    /// <summary>Takes on the values of <paramref name="next"/>, the state this one was folded into, reusing this state's readings and keys.</summary>
    /// <remarks>
    /// <para>
    /// A facility's live state lives as long as its activation, but every report folds it into a new state: the new state,
    /// its readings and its keys were each one more object per update for the collector to find alive and promote (all
    /// of what a gen0 collection promoted under a steady stream of reports). The grain calls this once a successor is
    /// confirmed, so the long-lived objects stay the live ones and the successor dies young. The readings are
    /// overwritten in place when they have the same names in the same order; the keys move along their shared buffer.
    /// </para>
    /// <para>
    /// Only the grain's own confirmed state may absorb, and the grain drops the successor once absorbed: a successor
    /// folded by an event that left the readings or keys alone shares them with this state and would see their later
    /// changes. Nothing else holds this state's readings (a snapshot copies them). When this state cannot reuse its
    /// own readings or keys (other names, a new key buffer), it takes copies of the successor's, never the successor's
    /// objects, so that what it later changes in place is its own.
    /// </para>
    /// </remarks>
    internal void Absorb(FacilityState next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (ReferenceEquals(next, this))
            return;
        _registration = next._registration;
        _memberSince = next._memberSince;
        _status = next._status;
        _statusAvailable = next._statusAvailable;
        _statusObservedAt = next._statusObservedAt;
        _statusSince = next._statusSince;
        _readings = ReadingMap.Absorb(_readings, next._readings);
        _offline = next._offline;
        _available = next._available;
        _availableSince = next._availableSince;
        _alarms = next._alarms;
        _lastReceivedAt = next._lastReceivedAt;
        _latestObservedAt = next._latestObservedAt;
        _recentKeys = KeyHistory.Absorb(_recentKeys, next._recentKeys);
    }

    public Alarm? FindAlarm(string type)
    {
        foreach (var alarm in Alarms)
        {
            if (alarm.Type == type)
                return alarm;
        }
        return null;
    }

    public FacilityState Apply(FacilityEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var change = @event.Change;
        var next = @event switch
        {
            FacilityRegistered registered => Register(registered),
            StatusReported reported => Report(reported),
            AlarmRaised raised => Raise(raised),
            AlarmAcknowledged acknowledged => Update(acknowledged.Type, a => a with
            {
                State = AlarmState.Acknowledged, AcknowledgedAt = change.ObservedAt, AcknowledgedBy = change.By,
            }),
            AlarmCleared cleared => this with
            {
                Alarms = [.. Alarms.Where(a => a.Type != cleared.Type)],
                Offline = cleared.Type != Alarm.Offline && Offline,
            },
            AlarmReminded reminded => Update(reminded.Type, a => a with { Reminders = reminded.Reminder, RemindedAt = change.ObservedAt }),
            _ => this,
        };
        // The idempotency key and availability every event may move, in one copy.
        var keys = next.KeysWith(IdempotencyKey.Of(change));
        var available = next.Registration is not null && next.StatusAvailable && !next.Offline;
        if (ReferenceEquals(keys, next.RecentKeys) && available == next.Available)
            return next;
        return next with
        {
            RecentKeys = keys,
            Available = available,
            // Available flips at the event's observed time, but never before the period it ends began.
            AvailableSince = available == next.Available ? next.AvailableSince : Max(change.ObservedAt, next.AvailableSince),
        };
    }

    FacilityState Register(FacilityRegistered registered)
    {
        var change = registered.Change;
        if (Registration is not { } current)
        {
            return this with
            {
                Registration = registered.Registration,
                MemberSince = change.ObservedAt,
                Status = registered.Status,
                StatusAvailable = registered.StatusAvailable,
                // The kind's first status is a default, not an observation: any report may replace it.
                StatusObservedAt = DateTimeOffset.MinValue,
                StatusSince = change.ObservedAt,
                Available = registered.StatusAvailable,
                AvailableSince = change.ObservedAt,
                LastReceivedAt = Max(LastReceivedAt, change.ReceivedAt),
            };
        }
        var regrouped = current.Kind != registered.Registration.Kind || current.Department != registered.Registration.Department;
        return this with
        {
            Registration = registered.Registration,
            MemberSince = regrouped ? Max(change.ObservedAt, MemberSince) : MemberSince,
        };
    }

    FacilityState Report(StatusReported reported)
    {
        var change = reported.Change;
        var observed = change.ObservedAt;
        var statusWins = observed >= StatusObservedAt;
        var readings = ReadingMap.With(Readings, reported.Readings, observed);
        return this with
        {
            Status = statusWins ? reported.Status : Status,
            StatusAvailable = statusWins ? reported.StatusAvailable : StatusAvailable,
            StatusObservedAt = statusWins ? observed : StatusObservedAt,
            StatusSince = statusWins && reported.Status != Status ? observed : StatusSince,
            Readings = readings ?? Readings,
            LastReceivedAt = Max(LastReceivedAt, change.ReceivedAt),
            LatestObservedAt = Max(LatestObservedAt, observed),
        };
    }

    FacilityState Raise(AlarmRaised raised)
    {
        var change = raised.Change;
        var alarm = new Alarm(raised.Type, raised.Severity, raised.Message, AlarmState.Raised, change.ObservedAt, change.By);
        return this with
        {
            Alarms = [.. Alarms.Where(a => a.Type != raised.Type), alarm],
            Offline = Offline || raised.Type == Alarm.Offline,
        };
    }

    FacilityState Update(string type, Func<Alarm, Alarm> update)
        => this with { Alarms = [.. Alarms.Select(a => a.Type == type ? update(a) : a)] };

    /// <summary>The recent keys with <paramref name="key"/> as the newest; the same list when it is the newest already.</summary>
    IReadOnlyList<long> KeysWith(long key)
    {
        var count = RecentKeys.Count;
        return count > 0 && RecentKeys[count - 1] == key ? RecentKeys : KeyHistory.Append(RecentKeys, key, RecentKeyCount);
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

/// <summary>When the facility was last heard from, stored now and then: heartbeats do not grow the journal.</summary>
public sealed record LastSeenState
{
    public DateTimeOffset LastSeenAt { get; init; }
}
