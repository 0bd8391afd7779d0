using CityActors.Runtime.Storage;

namespace CityActors.Grains.Aggregation;

/// <summary>The city's stream read back from storage: for rebuilds from the raw journal, and for counts that must reach a stream position the live count has not.</summary>
public static class CityJournal
{
    const int Page = 10_000;

    /// <summary>Hands every event of <paramref name="city"/>'s stream with <paramref name="after"/> &lt; position &lt;= <paramref name="upTo"/> to <paramref name="apply"/>, in stream order.</summary>
    public static async Task FoldAsync(GrainStorage storage, string city, long after, long upTo, Action<CityEvent> apply)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(apply);
        while (after < upTo)
        {
            var page = await storage.Backend.ReadStreamAsync(CityEvent.StreamNamespace, after, upTo, Page, CancellationToken.None);
            if (page.Count == 0)
                break;
            foreach (var stored in page)
            {
                if (stored.StreamKey == city && storage.Serializer.Deserialize(stored.Payload, stored.EventType) is CityEvent item)
                    apply(item);
            }
            after = page[^1].Position;
        }
    }

    /// <summary>
    /// The years' figures of an accumulator whose state counted the stream up to <paramref name="checkpoint"/>, carried on
    /// from the journal to <paramref name="position"/> when that is later (never past what storage has committed); the state itself is not changed.
    /// </summary>
    /// <param name="map">How the owner reads each event (the district figures put the district in the department's place).</param>
    public static async Task<IReadOnlyList<YearlyFigures>> FiguresAsOfAsync(
        GrainStorage storage, string city, YearlyState state, long checkpoint, IReadOnlyList<int> years, DateTimeOffset asOf, long position, Func<CityEvent, CityEvent> map)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(map);
        var upTo = Math.Max(checkpoint, Math.Min(position, storage.HighWaterMark));
        var yearly = new YearlyAccumulator(state);
        if (upTo > checkpoint)
            await FoldAsync(storage, city, checkpoint, upTo, item => yearly.Apply(map(item)));
        return [.. years.Select(year => yearly.Figures(year, asOf, upTo))];
    }
}
