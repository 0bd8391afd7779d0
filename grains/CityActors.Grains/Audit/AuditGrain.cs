namespace CityActors.Grains.Audit;

/// <summary>One day's audit as a journal: each append is one event holding the entries of one group of requests.</summary>
/// <remarks>
/// The entries live in the journal only, and a listing reads them back from it. Held in memory, a busy day (thousands of
/// writes a second) would grow the heap by every request, and each garbage collection would pause the silo for longer
/// the more entries it has to promote; the grain keeps only the ids of recent entries, which is what a retried append
/// needs, in sets it reuses, outside the journaled state.
/// </remarks>
public sealed class AuditGrain : JournaledGrain<AuditState, AuditRecorded>, IAuditGrain
{
    /// <summary>Ids in each of the two generations of recent ids: an append retried within this many entries adds nothing twice.</summary>
    /// <remarks>
    /// The audit trail retries a failed append with the same entries (at most 2,000 per append) before it sends newer ones,
    /// so a retry finds its ids among the most recent; a listing skips repeated ids too, whatever their distance.
    /// </remarks>
    internal const int RecentIds = 20_000;

    /// <summary>How many events activation reads at first when it gathers the recent ids backwards; each read doubles it.</summary>
    const int FirstRead = 8;

    readonly RecentIdSet _recent = new(RecentIds);

    /// <remarks>
    /// The state is empty, so a snapshot only tells activation where to start; activation still reads the events after
    /// it, so a short interval keeps that read short (an append holds at most 2,000 entries).
    /// </remarks>
    protected override int SnapshotInterval => 20;

    protected override AuditState TransitionState(AuditState state, AuditRecorded @event) => state;

    /// <summary>Gathers the ids of the latest entries from the end of the journal, so a retry after a restart is still recognised.</summary>
    /// <remarks>Twice as many events each read: a read of an SQLite journal walks back from its head, so the walks add up to at most twice the last.</remarks>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var chunks = new Stack<IReadOnlyList<AuditRecorded>>();
        var ids = 0;
        for (long to = ConfirmedVersion, count = FirstRead; to > 0 && ids < 2 * RecentIds; to -= count, count *= 2)
        {
            var chunk = await RetrieveConfirmedEvents(Math.Max(0, to - count), to);
            chunks.Push(chunk);
            ids += chunk.Sum(e => e.Entries.Count(entry => entry.Id is not null));
        }
        while (chunks.TryPop(out var chunk))
            Remember(chunk.SelectMany(e => e.Entries));
    }

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // A retry of an append whose answer was lost carries entries the day already holds: they are not added again.
        var fresh = entries.Where(e => e.Id is null || !_recent.Contains(e.Id)).DistinctBy(e => e.Id ?? Guid.NewGuid().ToString()).ToList();
        if (fresh.Count == 0)
            return;
        RaiseEvent(new AuditRecorded(fresh));
        await ConfirmEvents();
        // Only once they are durable: an append that failed stored nothing, and its retry must add them.
        Remember(fresh);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. (await RetrieveConfirmedEvents(0, ConfirmedVersion)).SelectMany(e => e.Entries).Where(e => (e.Id is null || seen.Add(e.Id)) && filter.Matches(e))];
    }

    void Remember(IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Id is not null)
                _recent.Add(entry.Id);
        }
    }
}

/// <summary>The journaled state of a day's audit: nothing, since the entries are read back from the journal.</summary>
/// <remarks>Snapshots written before held the ids of recent entries; they are read as this, and the ids are gathered from the journal.</remarks>
public sealed record AuditState;

public sealed record AuditRecorded(IReadOnlyList<AuditEntry> Entries);
