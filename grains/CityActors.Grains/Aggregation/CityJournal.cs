using CityActors.Runtime.Storage;

namespace CityActors.Grains.Aggregation;

/// <summary>The city's stream read back from storage: for rebuilds from the raw journal, and for counts that must reach a stream position the live count has not.</summary>
public static class CityJournal
{
    const int Page = 10_000;

    /// <summary>Hands every event of <paramref name="city"/>'s stream with <paramref name="after"/> &lt; position &lt;= <paramref name="upTo"/> to <paramref name="apply"/>, in stream order.</summary>
    /// <remarks>
    /// A rebuild reads millions of events: the next page is read while the current one is parsed, and a page is parsed
    /// on every core; <paramref name="apply"/> still sees the events one at a time, in order.
    /// </remarks>
    public static async Task FoldAsync(GrainStorage storage, string city, long after, long upTo, Action<CityEvent> apply)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(apply);
        Task<IReadOnlyList<StoredEvent>>? next = after < upTo ? Read(storage, after, upTo) : null;
        while (next is not null)
        {
            var page = await next;
            if (page.Count == 0)
                break;
            after = page[^1].Position;
            next = after < upTo ? Read(storage, after, upTo) : null;
            var items = new CityEvent?[page.Count];
            Parallel.For(0, page.Count, i =>
            {
                var stored = page[i];
                if (stored.StreamKey == city)
                    items[i] = storage.Serializer.Deserialize(stored.Payload, stored.EventType) as CityEvent;
            });
            foreach (var item in items)
            {
                if (item is not null)
                    apply(item);
            }
        }
    }

    static Task<IReadOnlyList<StoredEvent>> Read(GrainStorage storage, long after, long upTo)
        => storage.Backend.ReadStreamAsync(CityEvent.StreamNamespace, after, upTo, Page, CancellationToken.None);

    /// <summary>
    /// The years' figures of an accumulator whose state counted the stream up to <paramref name="checkpoint"/>, carried on
    /// from the journal to <paramref name="position"/> when that is later (never past what storage has committed); the state itself is not changed.
    /// </summary>
    /// <param name="byDistrict">Whether the accumulator groups by district instead of department (see <see cref="YearlyAccumulator"/>).</param>
    public static async Task<IReadOnlyList<YearlyFigures>> FiguresAsOfAsync(
        GrainStorage storage, string city, YearlyState state, long checkpoint, IReadOnlyList<int> years, DateTimeOffset asOf, long position, bool byDistrict = false)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(years);
        var upTo = Math.Max(checkpoint, Math.Min(position, storage.HighWaterMark));
        var yearly = new YearlyAccumulator(state, byDistrict);
        if (upTo > checkpoint)
            await FoldAsync(storage, city, checkpoint, upTo, yearly.Apply);
        return [.. years.Select(year => yearly.Figures(year, asOf, upTo))];
    }
}
