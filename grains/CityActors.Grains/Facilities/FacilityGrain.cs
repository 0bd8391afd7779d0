using CityActors.Grains.Alarms;
using CityActors.Grains.Kinds;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Facilities;

/// <summary>One facility: registry data, live status and readings, alarms, and its history as a journal.</summary>
/// <remarks>
/// Every change is an event published on the city's stream in the same write as the journal. A report that changes
/// nothing is a heartbeat: it refreshes last-seen in memory and stays out of the journal. Offline detection and alarm
/// reminders are in <c>FacilityGrain.Offline.cs</c>, alarm commands in <c>FacilityGrain.Alarms.cs</c>.
/// </remarks>
public sealed partial class FacilityGrain(
    [PersistentState("seen")] IPersistentState<LastSeenState> seen,
    IOptions<CityOptions> city,
    TimeProvider time) : JournaledGrain<FacilityState, FacilityEvent>, IFacilityGrain, IRemindable
{
    static readonly TimeSpan s_kindRefresh = TimeSpan.FromMinutes(5);

    readonly StreamId _stream = CityEvent.Stream(city.Value.Name);
    readonly List<(FacilityState From, FacilityEvent Event, FacilityState To)> _raised = [];
    KeyWindow? _keys;
    (StatusUpdate Update, ChangeInfo Change)? _heartbeat;
    FacilityKind? _kind;
    DateTimeOffset _kindFetchedAt;

    string Key => GrainId.Key;

    protected override StreamId? JournalStream => _stream;

    /// <remarks>Each raised event was already applied once to compute its footprints; reuse that instead of folding it again.</remarks>
    protected override FacilityState TransitionState(FacilityState state, FacilityEvent @event)
    {
        foreach (var (from, raised, to) in _raised)
        {
            if (ReferenceEquals(raised, @event) && ReferenceEquals(from, state))
                return to;
        }
        return state.Apply(@event);
    }

    /// <remarks>The live state object stays the same for the activation's life (see <see cref="FacilityState.Absorb"/>).</remarks>
    protected override FacilityState KeepConfirmed(FacilityState previous, FacilityState next)
    {
        previous.Absorb(next);
        return previous;
    }

    public async Task RegisterAsync(FacilityRegistration registration, ChangeContext change)
    {
        FacilityValidation.ValidateRegistration(registration);
        ChangeValidation.Validate(change);
        _raised.Clear();
        var now = time.GetUtcNow();
        if (change.ObservedAt > now + FacilityValidation.FutureTolerance)
            throw new ValidationException("observedAt", "a registration cannot be observed in the future.");
        if (State.Registration is { } current)
        {
            if (current.Kind != registration.Kind)
                throw new ValidationException("kind", $"a facility's kind cannot change (it is '{current.Kind}'); register a new facility instead.");
            if (current == registration || State.RecentKeys.Contains(IdempotencyKey.Of(change.Source, change.Id)))
                return;
        }
        var kind = await KindAsync(registration.Kind, refresh: true);
        var first = State.Registration is null;
        Raise(new FacilityRegistered(registration, kind.Statuses[0].Code, kind.Statuses[0].Available) { Subject = Key, Change = ChangeInfo.From(change, now) });
        await ConfirmAsync(kind);
        if (first)
            await StartWatchingAsync();
    }

    public async Task<UpdateResult> ReportStatusAsync(StatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _raised.Clear();
        var registration = State.Registration ?? throw new NotRegisteredException("facility", Key);
        var kind = await KindAsync(registration.Kind);
        var now = time.GetUtcNow();
        FacilityValidation.ValidateUpdate(update, kind, now);
        var key = IdempotencyKey.Of(update.Source, update.Id);
        if (await IsRepeatAsync(update, key))
            return new UpdateResult(UpdateOutcome.Duplicate, Version);

        var change = new ChangeInfo(update.Source, update.Id, update.By ?? update.Source, update.Reason, update.ObservedAt, now);
        // A heartbeat observed after this update re-asserted the values this update would replace: put it on
        // record first, so that the journal (and "state at T") knows the later observation won.
        if (_heartbeat is { } pending && update.ObservedAt < pending.Update.ObservedAt && WouldChange(update))
            Raise(Reported(pending.Update, pending.Change, kind, late: false));
        var wasOffline = State.Offline;
        if (wasOffline)
            Raise(new AlarmCleared(Alarm.Offline, State.FindAlarm(Alarm.Offline)!.Severity) { Subject = Key, Change = change });
        var late = update.ObservedAt < State.StatusObservedAt;
        if (late || wasOffline || WouldChange(update))
        {
            Raise(Reported(update, change, kind, late));
            foreach (var alarmEvent in AlarmRules.Evaluate(kind, State, Key, change))
                Raise(alarmEvent);
        }
        Seen(now);
        if (_raised.Count == 0)
        {
            RememberHeartbeat(update, change, key);
            await StoreLastSeenAsync(kind, now);
            return new UpdateResult(UpdateOutcome.Heartbeat, Version);
        }
        _heartbeat = null;
        await ConfirmAsync(kind);
        return new UpdateResult(late ? UpdateOutcome.Late : UpdateOutcome.Applied, Version);
    }

    public Task<FacilitySnapshot> GetSnapshotAsync()
        => Task.FromResult(FacilityHistory.ToSnapshot(Key, State, Version, State.Registration is null ? null : _lastSeen, OfflineAt));

    public async Task<FacilitySnapshot> GetStateAtAsync(DateTimeOffset at)
    {
        var journal = await RetrieveJournalAsync(0, long.MaxValue);
        var (state, version) = FacilityHistory.StateAt(journal, at);
        return FacilityHistory.ToSnapshot(Key, state, version, state.Registration is null ? null : state.LastReceivedAt, null);
    }

    public async Task<IReadOnlyList<FacilityHistoryEntry>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return [];
        // Nothing is received more than the future tolerance before it is observed, so older journal entries cannot qualify.
        var journal = await RetrieveJournalByTimeAsync(from - FacilityValidation.FutureTolerance, time.GetUtcNow().AddDays(1));
        return [.. FacilityHistory.InObservedOrder(journal.Where(e => e.Event.Change.ObservedAt >= from && e.Event.Change.ObservedAt < to))
            .Select(FacilityHistory.ToEntry)];
    }

    /// <remarks>The status is the kind's own string, equal to the update's: the state keeps it, and the update's copy dies with the request.</remarks>
    StatusReported Reported(StatusUpdate update, ChangeInfo change, FacilityKind kind, bool late)
    {
        var status = kind.FindStatus(update.Status)!;
        return new(status.Code, status.Available, update.Readings, late) { Subject = Key, Change = change };
    }

    /// <summary>Whether the update would replace a value: it is observed after the value and says something else.</summary>
    bool WouldChange(StatusUpdate update)
    {
        if (update.ObservedAt >= State.StatusObservedAt && update.Status != State.Status)
            return true;
        foreach (var (name, value) in update.Readings)
        {
            if (!State.Readings.TryGetValue(name, out var current) || (update.ObservedAt >= current.ObservedAt && current.Value != value))
                return true;
        }
        return false;
    }

    /// <summary>Whether this source and id were seen before: recent keys first, then the journal for anything not newer than it.</summary>
    async Task<bool> IsRepeatAsync(StatusUpdate update, long key)
    {
        var window = Keys;
        if (State.RecentKeys.Contains(key) || window.Contains(key))
            return true;
        // Every journaled report was observed at or before LatestObservedAt, and the window holds every key observed
        // after its CompleteAfter: either way an update observed later is new. Only older ones need the journal.
        if (update.ObservedAt > State.LatestObservedAt || update.ObservedAt > window.CompleteAfter)
            return false;
        var journal = await RetrieveJournalByTimeAsync(update.ObservedAt - FacilityValidation.FutureTolerance, time.GetUtcNow().AddDays(1));
        return journal.Any(e => e.Event.Change.Source == update.Source && e.Event.Change.Id == update.Id);
    }

    /// <summary>After activation the window knows nothing journaled before: it is complete only after the latest observation.</summary>
    KeyWindow Keys => _keys ??= new KeyWindow(State.LatestObservedAt);

    void RememberHeartbeat(StatusUpdate update, ChangeInfo change, long key)
    {
        Keys.Add(key, update.ObservedAt);
        if (_heartbeat is not { } pending || update.ObservedAt >= pending.Update.ObservedAt)
            _heartbeat = (update, change);
    }

    /// <summary>Raises an event stamped with the facility's footprints (see <see cref="Footprint.Stamp"/>).</summary>
    void Raise(FacilityEvent @event)
    {
        var from = State;
        var (stamped, to) = Footprint.Stamp(from, @event, Key);
        _raised.Add((from, stamped, to));
        RaiseEvent(stamped);
    }

    async Task ConfirmAsync(FacilityKind kind)
    {
        List<FacilityEvent>? alarms = null;
        foreach (var (_, raised, _) in _raised)
        {
            if (raised is AlarmRaised or AlarmAcknowledged or AlarmCleared)
                (alarms ??= []).Add(raised);
        }
        try
        {
            await ConfirmEvents();
            foreach (var (_, confirmed, _) in _raised)
                Keys.Add(IdempotencyKey.Of(confirmed.Change), confirmed.Change.ObservedAt);
        }
        finally
        {
            _raised.Clear();
        }
        if (alarms is not null)
            await FollowAlarmsAsync(alarms, kind);
    }

    async ValueTask<FacilityKind> KindAsync(string id, bool refresh = false)
    {
        var now = time.GetUtcNow();
        if (_kind is { } cached && cached.Id == id && !refresh && now - _kindFetchedAt < s_kindRefresh)
            return cached;
        var kind = await GrainFactory.GetGrain<IKindRegistryGrain>(city.Value.Name).GetKindAsync(id)
            ?? throw new ValidationException("kind", $"'{id}' is not a kind of facility of {city.Value.Name}.");
        var offlineChanged = _kind is not null && _kind.OfflineAfter != kind.OfflineAfter;
        (_kind, _kindFetchedAt) = (kind, now);
        if (offlineChanged)
            ArmOfflineTimer();
        return kind;
    }
}
