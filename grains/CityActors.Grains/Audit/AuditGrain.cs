using System.Collections.Immutable;

namespace CityActors.Grains.Audit;

/// <summary>One day's audit as a journal: each append is one event holding the entries of one group of requests.</summary>
public sealed class AuditGrain : JournaledGrain<AuditState, AuditRecorded>, IAuditGrain
{
    /// <remarks>A snapshot holds the whole day, so it is rare; replaying a day's appends at activation is cheap by comparison.</remarks>
    protected override int SnapshotInterval => 10_000;

    protected override AuditState TransitionState(AuditState state, AuditRecorded @event)
    {
        var fresh = @event.Entries.Where(e => e.Id is null || !state.Ids.Contains(e.Id)).ToList();
        return new()
        {
            Entries = state.Entries.AddRange(fresh),
            Ids = state.Ids.Union(fresh.Where(e => e.Id is not null).Select(e => e.Id!)),
        };
    }

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // A retry of an append whose answer was lost carries entries the day already holds: they are not added again.
        var fresh = entries.Where(e => e.Id is null || !State.Ids.Contains(e.Id)).DistinctBy(e => e.Id ?? Guid.NewGuid().ToString()).ToList();
        if (fresh.Count == 0)
            return;
        RaiseEvent(new AuditRecorded(fresh));
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

    /// <summary>The ids of <see cref="Entries"/>, to recognise an entry appended again.</summary>
    public ImmutableHashSet<string> Ids { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
}

public sealed record AuditRecorded(IReadOnlyList<AuditEntry> Entries);
