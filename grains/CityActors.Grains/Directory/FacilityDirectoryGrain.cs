using CityActors.Grains.Facilities;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;

namespace CityActors.Grains.Directory;

/// <summary>The city's facility directory: a listing per facility, kept current from the city's stream.</summary>
/// <remarks>
/// The whole index is one snapshot, so it is written at most every <see cref="s_writeInterval"/>, and only once the
/// events since the last one outnumber the listings <see cref="EventsPerListing"/> times: writing a snapshot costs a
/// listing each, so each event pays a fixed share of it however big the city. At activation the journal after the
/// snapshot's checkpoint is read back, so nothing acknowledged is missing after a restart even though the runtime's
/// stream cursor moved past it. The share is a twelfth of a listing: with 100,000 facilities a snapshot is about 50 MB,
/// and at a quarter of a listing its writing and the collector's work on its buffers held the update rate about a tenth
/// lower; the price is a longer read at activation, at most twelve events per listing.
/// </remarks>
[GrainType("directory")]
[ImplicitStreamSubscription(CityEvent.StreamNamespace)]
public sealed class FacilityDirectoryGrain(
    [PersistentState("directory")] IPersistentState<FacilityDirectoryState> state,
    GrainStorage storage,
    TimeProvider time) : Grain, IFacilityDirectoryGrain, IAsyncBatchObserver<CityEvent>
{
    const int CatchUpPage = 10_000;
    const int EventsPerListing = 12;
    static readonly TimeSpan s_writeInterval = TimeSpan.FromSeconds(5);

    readonly Dictionary<string, DirectoryEntry> _facilities = new(StringComparer.Ordinal);
    long _checkpoint;
    long _written;
    long _eventsSinceWrite;
    DateTimeOffset _writtenAt;

    string City => GrainId.Key;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var listing in state.State.Facilities)
            _facilities[listing.Key] = new DirectoryEntry(listing);
        _checkpoint = _written = state.State.Checkpoint;
        _writtenAt = time.GetUtcNow();
        await ReadJournalAsync(cancellationToken);
    }

    public async Task<long> CatchUpAsync()
    {
        await ReadJournalAsync(CancellationToken.None);
        return _checkpoint;
    }

    /// <summary>Applies what the journal holds after the checkpoint, up to the last durable event; the stream skips it when it arrives.</summary>
    async Task ReadJournalAsync(CancellationToken cancellationToken)
    {
        var upTo = storage.HighWaterMark;
        while (_checkpoint < upTo)
        {
            var page = await storage.Backend.ReadStreamAsync(CityEvent.StreamNamespace, _checkpoint, upTo, CatchUpPage, cancellationToken);
            if (page.Count == 0)
                break;
            foreach (var stored in page)
            {
                if (stored.StreamKey == City && storage.Serializer.Deserialize(stored.Payload, stored.EventType) is FacilityEvent item)
                    Apply(item);
            }
            _checkpoint = page[^1].Position;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_checkpoint > _written)
            await WriteAsync();
    }

    public async Task OnNextAsync(IList<SequentialItem<CityEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var (item, token) in items)
        {
            if (token.SequenceNumber <= _checkpoint)
                continue;
            if (item is FacilityEvent facilityEvent)
                Apply(facilityEvent);
            _checkpoint = token.SequenceNumber;
            _eventsSinceWrite++;
        }
        // A failed write throws, and the runtime delivers the batch again: already counted, it only retries the write.
        if (_checkpoint > _written && _eventsSinceWrite >= (long)EventsPerListing * _facilities.Count && time.GetUtcNow() - _writtenAt >= s_writeInterval)
            await WriteAsync();
    }

    public Task<FacilityPage> ListAsync(FacilityQuery query) => Task.FromResult(DirectoryQueries.List(_facilities.Values, query, _checkpoint));

    public Task<FacilityListing?> GetAsync(string facility) => Task.FromResult(_facilities.GetValueOrDefault(facility)?.Listing);

    public Task<AlarmPage> ListAlarmsAsync(AlarmQuery query) => Task.FromResult(DirectoryQueries.ListAlarms(_facilities.Values, query, _checkpoint));

    void Apply(FacilityEvent item)
    {
        if (_facilities.TryGetValue(item.Subject, out var entry))
            entry.Apply(item);
        else if (DirectoryListings.Apply(null, item) is { } listing)
            _facilities[item.Subject] = new DirectoryEntry(listing);
    }

    async Task WriteAsync()
    {
        var now = time.GetUtcNow();
        state.State = new FacilityDirectoryState { Checkpoint = _checkpoint, UpdatedAt = now, Facilities = [.. _facilities.Values.Select(e => e.Listing)] };
        await state.WriteStateAsync();
        _written = _checkpoint;
        _eventsSinceWrite = 0;
        _writtenAt = now;
    }
}
