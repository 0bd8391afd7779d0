using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime;

/// <summary>A grain whose state is the fold of its events, kept in a durable journal.</summary>
/// <remarks>
/// <see cref="RaiseEvent"/> applies an event to <see cref="State"/> at once (tentatively);
/// <see cref="ConfirmEvents"/> makes the raised events durable. If confirming fails, the tentative events are
/// dropped and <see cref="State"/> returns to the confirmed state, so a failed call changes nothing.
/// Unlike Orleans, <see cref="TransitionState"/> returns the next state, and must leave the state it is given as it was
/// (an immutable record is the natural choice): the tentative and the confirmed state share what did not change, and
/// once raised events are durable the tentative state simply becomes the confirmed one, without applying them again.
/// </remarks>
public abstract class JournaledGrain<TState, TEvent> : Grain, IPersistentStateLoader
    where TState : class, new()
    where TEvent : class
{
    const string SnapshotStateName = "journal";

    readonly GrainStorage _storage;
    readonly List<TEvent> _tentative = [];
    TState _confirmed = new();
    TState _state = new();
    long _snapshotVersion;

    protected JournaledGrain()
    {
        _storage = Activation.Catalog.Services.GetRequiredService<GrainStorage>();
        Activation.AddStateLoader(this);
    }

    /// <summary>The state with every raised event applied, confirmed or not.</summary>
    protected TState State => _state;

    /// <summary>The state with only the confirmed events applied.</summary>
    protected TState ConfirmedState => _confirmed;

    /// <summary>The number of confirmed events.</summary>
    protected long ConfirmedVersion { get; private set; }

    /// <summary>The number of events raised, confirmed or not.</summary>
    protected long Version => ConfirmedVersion + _tentative.Count;

    /// <summary>Events not yet confirmed.</summary>
    protected IReadOnlyList<TEvent> UnconfirmedTail => _tentative;

    /// <summary>Write a snapshot of the state every so many events, so activation replays at most that many.</summary>
    protected virtual int SnapshotInterval => 100;

    /// <summary>The stream the confirmed events are published on, in the same transaction as the journal; null for none.</summary>
    protected virtual StreamId? JournalStream => null;

    /// <summary>Applies one event to a state and returns the next state.</summary>
    protected abstract TState TransitionState(TState state, TEvent @event);

    /// <summary>The object to keep as the confirmed state once the tentative <paramref name="next"/> is confirmed over <paramref name="previous"/>.</summary>
    /// <remarks>
    /// The default keeps <paramref name="next"/>. A grain whose state outlives many events may move next's values into
    /// <paramref name="previous"/> and keep that instead: the long-lived object stays the live one and the new one dies
    /// young, so the garbage collector does not promote a new state per event. Called only when the tentative state is
    /// exactly the confirmed one with the confirmed events applied, and never for a replay.
    /// </remarks>
    protected virtual TState KeepConfirmed(TState previous, TState next) => next;

    /// <summary>Applies the event to <see cref="State"/>; it becomes durable with <see cref="ConfirmEvents"/>.</summary>
    protected void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _state = TransitionState(_state, @event);
        _tentative.Add(@event);
    }

    protected void RaiseEvents(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
            RaiseEvent(@event);
    }

    /// <summary>Makes every raised event durable; returns once they are.</summary>
    /// <exception cref="InconsistentStateException">Another activation wrote the journal; this one is deactivated.</exception>
    protected async Task ConfirmEvents()
    {
        if (_tentative.Count == 0)
            return;
        var pending = _tentative.ToArray();
        var stream = JournalStream;
        var now = GrainStorage.StorageTime(Activation.Catalog.Time.GetUtcNow());
        var stored = new StoredEvent[pending.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            var type = pending[i].GetType();
            stored[i] = new StoredEvent(0, GrainId, ConfirmedVersion + i + 1, now, stream?.Namespace, stream?.Key,
                _storage.Serializer.TypeName(type), _storage.Serializer.Serialize(pending[i], type)) { Item = pending[i] };
        }
        var append = new AppendEventsOperation(GrainId, ConfirmedVersion, stored);
        try
        {
            await _storage.CommitAsync(append);
        }
        catch
        {
            DropTentative();
            throw;
        }
        if (append.Conflict)
        {
            DropTentative();
            Activation.DeactivateAfterConflict();
            throw new InconsistentStateException(
                $"Journal of {GrainId} was written by another activation: this one is at version {ConfirmedVersion}, storage at {append.CurrentETag}.",
                ConfirmedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), append.CurrentETag);
        }
        // The tentative state is the confirmed one with exactly these events applied, unless a turn interleaved during
        // the write raised or dropped events: only then is the fold done again.
        if (TentativeIs(pending))
        {
            _confirmed = KeepConfirmed(_confirmed, _state);
        }
        else
        {
            foreach (var @event in pending)
                _confirmed = TransitionState(_confirmed, @event);
        }
        ConfirmedVersion += pending.Length;
        _tentative.Clear();
        _state = _confirmed;
        if (ConfirmedVersion - _snapshotVersion >= SnapshotInterval)
            await TryWriteSnapshotAsync();
    }

    bool TentativeIs(TEvent[] events)
    {
        if (_tentative.Count != events.Length)
            return false;
        for (var i = 0; i < events.Length; i++)
        {
            if (!ReferenceEquals(_tentative[i], events[i]))
                return false;
        }
        return true;
    }

    /// <summary>A call that failed leaves no tentative events behind: a rejected request changes nothing.</summary>
    internal override void OnCallFailed() => DropTentative();

    void DropTentative()
    {
        _tentative.Clear();
        _state = _confirmed;
    }

    /// <summary>Writes a snapshot; a failure is logged and the snapshot is tried again after the next confirmed events.</summary>
    /// <remarks>
    /// The events are durable before this runs, so the call that raised them has succeeded: a snapshot only shortens
    /// the replay at the next activation, and failing the call for it would have its caller retry events already stored.
    /// </remarks>
    async Task TryWriteSnapshotAsync()
    {
        var snapshot = new JournalSnapshot<TState>(ConfirmedVersion, _confirmed);
        try
        {
            await _storage.CommitAsync(new WriteStateOperation(GrainId, SnapshotStateName, WriteStateOperation.AnyETag, _storage.Serializer.Serialize(snapshot)));
            _snapshotVersion = snapshot.Version;
        }
        catch (Exception exception)
        {
            RuntimeLog.SnapshotFailed(Activation.Catalog.Logger, exception, GrainId, snapshot.Version);
        }
    }

    /// <summary>Confirmed events with <paramref name="fromVersion"/> &lt; version &lt;= <paramref name="toVersion"/>.</summary>
    protected async Task<IReadOnlyList<TEvent>> RetrieveConfirmedEvents(long fromVersion, long toVersion)
        => [.. (await RetrieveJournalAsync(fromVersion, toVersion)).Select(e => e.Event)];

    /// <summary>Confirmed events with their version and time, by version range.</summary>
    protected async Task<IReadOnlyList<JournalEntry<TEvent>>> RetrieveJournalAsync(long fromVersion, long toVersion)
        => Entries(await _storage.Backend.ReadJournalAsync(GrainId, fromVersion, toVersion, CancellationToken.None));

    /// <summary>Confirmed events accepted in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    protected async Task<IReadOnlyList<JournalEntry<TEvent>>> RetrieveJournalByTimeAsync(DateTimeOffset from, DateTimeOffset to)
        => Entries(await _storage.Backend.ReadJournalByTimeAsync(GrainId, from, to, CancellationToken.None));

    IReadOnlyList<JournalEntry<TEvent>> Entries(IReadOnlyList<StoredEvent> stored)
        => [.. stored.Select(e => new JournalEntry<TEvent>(e.Version, e.Timestamp, e.Position, (TEvent)_storage.Serializer.Deserialize(e.Payload, e.EventType)))];

    /// <summary>The state as it was after <paramref name="version"/> events, replayed from the journal.</summary>
    protected async Task<TState> ReplayStateAsync(long version)
    {
        var state = new TState();
        foreach (var entry in await RetrieveJournalAsync(0, version))
            state = TransitionState(state, entry.Event);
        return state;
    }

    async Task IPersistentStateLoader.LoadAsync()
    {
        var snapshot = await _storage.Backend.ReadStateAsync(GrainId, SnapshotStateName, CancellationToken.None);
        var state = new TState();
        long version = 0;
        if (snapshot is not null)
        {
            var stored = _storage.Serializer.Deserialize<JournalSnapshot<TState>>(snapshot.Payload);
            (state, version) = (stored.State, stored.Version);
            _snapshotVersion = stored.Version;
        }
        foreach (var entry in await RetrieveJournalAsync(version, long.MaxValue))
        {
            state = TransitionState(state, entry.Event);
            version = entry.Version;
        }
        _confirmed = _state = state;
        ConfirmedVersion = version;
    }
}

/// <summary>One confirmed event with where it stands in the journal and when it was accepted.</summary>
public sealed record JournalEntry<TEvent>(long Version, DateTimeOffset Timestamp, long Position, TEvent Event);

internal sealed record JournalSnapshot<TState>(long Version, TState State);
