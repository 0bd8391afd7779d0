using System.Collections.Immutable;

namespace CityActors.Grains.Audit;

/// <summary>One day's audit as a journal: each append is one event holding the entries of one group of requests.</summary>
public sealed class AuditGrain : JournaledGrain<AuditState, AuditRecorded>, IAuditGrain
{
    /// <remarks>A snapshot holds the whole day, so it is rare; replaying a day's appends at activation is cheap by comparison.</remarks>
    protected override int SnapshotInterval => 10_000;

    protected override AuditState TransitionState(AuditState state, AuditRecorded @event) => new() { Entries = state.Entries.AddRange(@event.Entries) };

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return;
        RaiseEvent(new AuditRecorded(entries));
        await ConfirmEvents();
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Task.FromResult<IReadOnlyList<AuditEntry>>([.. State.Entries.Where(filter.Matches)]);
    }
}

public sealed record AuditState
{
    /// <remarks>Immutable so that an append does not copy the day.</remarks>
    public ImmutableList<AuditEntry> Entries { get; init; } = [];
}

public sealed record AuditRecorded(IReadOnlyList<AuditEntry> Entries);
