using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;

namespace CityActors.Grains.Aggregation;

/// <summary>The city's live rollups and exact yearly figures, fed by every event of the city's stream.</summary>
/// <remarks>
/// Delivery is at least once and in order, so the state keeps the position of the last event counted and skips older
/// ones. Observers hear a delta before the state is written: the events are already durable, and deltas carry absolute
/// values, so a batch delivered again after a failed write only repeats the same delta.
/// </remarks>
[GrainType("city")]
[ImplicitStreamSubscription(CityEvent.StreamNamespace)]
public sealed class CityAggregateGrain(
    [PersistentState("aggregate")] IPersistentState<CityAggregateState> state,
    GrainStorage storage,
    TimeProvider time) : Grain, ICityAggregateGrain, IAsyncBatchObserver<CityEvent>
{
    static readonly TimeSpan s_subscriptionLapse = TimeSpan.FromMinutes(5);

    readonly Dictionary<ICityObserver, DateTimeOffset> _observers = [];

    string City => GrainId.Key;

    public async Task OnNextAsync(IList<SequentialItem<CityEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var current = state.State;
        var live = new LiveRollupBuilder(current.Live);
        var yearly = new YearlyAccumulator(current.Yearly);
        var checkpoint = current.Checkpoint;
        foreach (var (item, token) in items)
        {
            if (token.SequenceNumber <= checkpoint)
                continue;
            live.Apply(item);
            yearly.Apply(item);
            checkpoint = token.SequenceNumber;
        }
        if (checkpoint == current.Checkpoint)
            return;
        var now = time.GetUtcNow();
        if (live.Changed && _observers.Count > 0)
            Notify(live.ToDelta(City, checkpoint, now), now);
        state.State = current with { Checkpoint = checkpoint, UpdatedAt = now, Live = live.ToRollup(), Yearly = yearly.ToState() };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written means not counted: the runtime delivers the batch again.
            state.State = current;
            throw;
        }
    }

    public Task<CityRollup> GetRollupAsync()
    {
        var current = state.State;
        var live = current.Live;
        return Task.FromResult(new CityRollup(City, current.Checkpoint, current.UpdatedAt, live.Total, live.KindStatus, live.Kinds, live.Districts, live.Departments, live.Alarms));
    }

    public Task SubscribeAsync(ICityObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICityObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<YearlyFigures> GetYearAsync(int year, DateTimeOffset? asOf = null)
    {
        var current = state.State;
        return Task.FromResult(new YearlyAccumulator(current.Yearly).Figures(year, asOf ?? time.GetUtcNow(), current.Checkpoint));
    }

    public Task<IReadOnlyList<YearlyFigures>> GetYearsAsOfAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long position)
    {
        var current = state.State;
        return CityJournal.FiguresAsOfAsync(storage, City, current.Yearly, current.Checkpoint, years, asOf, position);
    }

    public async Task<YearlyFigures> RebuildYearAsync(int year, DateTimeOffset? asOf = null)
    {
        var upTo = state.State.Checkpoint;
        var rebuilt = await RebuildAsync(upTo);
        return new YearlyAccumulator(rebuilt).Figures(year, asOf ?? time.GetUtcNow(), upTo);
    }

    /// <summary>Folds every event of the city's stream up to <paramref name="upTo"/>, read back from storage, into fresh accumulators.</summary>
    internal async Task<YearlyState> RebuildAsync(long upTo)
    {
        var yearly = new YearlyAccumulator(new YearlyState());
        await CityJournal.FoldAsync(storage, City, 0, upTo, yearly.Apply);
        return yearly.ToState();
    }

    void Notify(CityDelta delta, DateTimeOffset now)
    {
        List<ICityObserver>? lapsed = null;
        foreach (var (observer, subscribedAt) in _observers)
        {
            if (now - subscribedAt > s_subscriptionLapse)
                (lapsed ??= []).Add(observer);
            else
                _ = observer.OnCityDeltaAsync(delta); // an observer call never waits for the observer
        }
        lapsed?.ForEach(o => _observers.Remove(o));
    }
}
