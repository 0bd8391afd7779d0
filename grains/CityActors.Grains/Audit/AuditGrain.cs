using System.Collections.Immutable;

namespace CityActors.Grains.Audit;

/// <summary>One day's audit as a journal: each append is one event holding the entries of one group of requests.</summary>
/// <remarks>
/// The entries live in the journal only, and a listing reads them back from it. Held in memory, a busy day (thousands of
/// writes a second) would grow the heap by every request, and each garbage collection would pause the silo for longer
/// the more entries it has to promote; the grain keeps only the ids of recent entries, which is what a retried append
/// needs.
/// </remarks>
public sealed class AuditGrain : JournaledGrain<AuditState, AuditRecorded>, IAuditGrain
{
    /// <summary>Ids in each of the two generations of recent ids: an append retried within this many entries adds nothing twice.</summary>
    /// <remarks>
    /// The audit trail retries a failed append with the same entries (at most 2,000 per append) before it sends newer ones,
    /// so a retry finds its ids among the most recent; a listing skips repeated ids too, whatever their distance.
    /// </remarks>
    internal const int RecentIds = 20_000;

    /// <remarks>A snapshot holds at most twice <see cref="RecentIds"/> ids; replaying a day's appends at activation is cheap by comparison.</remarks>
    protected override int SnapshotInterval => 10_000;

    protected override AuditState TransitionState(AuditState state, AuditRecorded @event)
    {
        var ids = state.Ids.Union(@event.Entries.Where(e => e.Id is not null).Select(e => e.Id!));
        // Two generations: when the newer one is full it becomes the older one, so the last RecentIds ids are always known.
        return ids.Count >= RecentIds ? new() { Ids = ids.Clear(), PreviousIds = ids } : state with { Ids = ids };
    }

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // A retry of an append whose answer was lost carries entries the day already holds: they are not added again.
        var fresh = entries.Where(e => e.Id is null || !State.Holds(e.Id)).DistinctBy(e => e.Id ?? Guid.NewGuid().ToString()).ToList();
        if (fresh.Count == 0)
            return;
        RaiseEvent(new AuditRecorded(fresh));
        await ConfirmEvents();
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. (await RetrieveConfirmedEvents(0, ConfirmedVersion)).SelectMany(e => e.Entries).Where(e => (e.Id is null || seen.Add(e.Id)) && filter.Matches(e))];
    }
}

/// <summary>What the day's audit keeps in memory: the ids of its most recent entries, to recognise an entry appended again.</summary>
public sealed record AuditState
{
    public ImmutableHashSet<string> Ids { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The generation of ids before <see cref="Ids"/>.</summary>
    public ImmutableHashSet<string> PreviousIds { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public bool Holds(string id) => Ids.Contains(id) || PreviousIds.Contains(id);
}

public sealed record AuditRecorded(IReadOnlyList<AuditEntry> Entries);
