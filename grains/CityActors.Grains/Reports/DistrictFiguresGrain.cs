using CityActors.Grains.Aggregation;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;

namespace CityActors.Grains.Reports;

/// <summary>Keeps the city aggregate's exact yearly accumulators grouped by kind and district instead of kind and department.</summary>
/// <remarks>
/// The same accumulator, grouping by district (see <see cref="YearlyAccumulator"/>), so the same arithmetic gives the
/// district figures. It runs beside the city aggregate on its own turns, as a second consumer of the stream.
/// </remarks>
[GrainType("district-figures")]
[ImplicitStreamSubscription(CityEvent.StreamNamespace)]
public sealed class DistrictFiguresGrain(
    [PersistentState("districts")] IPersistentState<DistrictFiguresState> state,
    GrainStorage storage) : Grain, IDistrictFiguresGrain, IAsyncBatchObserver<CityEvent>
{
    public async Task OnNextAsync(IList<SequentialItem<CityEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var current = state.State;
        var yearly = new YearlyAccumulator(current.Yearly, byDistrict: true);
        var checkpoint = current.Checkpoint;
        foreach (var (item, token) in items)
        {
            if (token.SequenceNumber <= checkpoint)
                continue;
            yearly.Apply(item);
            checkpoint = token.SequenceNumber;
        }
        if (checkpoint == current.Checkpoint)
            return;
        state.State = new DistrictFiguresState { Checkpoint = checkpoint, Yearly = yearly.ToState() };
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

    public Task<YearlyFigures> GetYearAsync(int year, DateTimeOffset asOf)
        => Task.FromResult(new YearlyAccumulator(state.State.Yearly, byDistrict: true).Figures(year, asOf, state.State.Checkpoint));

    public Task<IReadOnlyList<YearlyFigures>> GetYearsAsOfAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long position)
    {
        var current = state.State;
        return CityJournal.FiguresAsOfAsync(storage, GrainId.Key, current.Yearly, current.Checkpoint, years, asOf, position, byDistrict: true);
    }

    public Task<long> GetCheckpointAsync() => Task.FromResult(state.State.Checkpoint);

    public async Task<RebuiltYears> RebuildYearsAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long upTo)
    {
        ArgumentNullException.ThrowIfNull(years);
        var byDepartment = new YearlyAccumulator(new YearlyState());
        var byDistrict = new YearlyAccumulator(new YearlyState(), byDistrict: true);
        await CityJournal.FoldAsync(storage, GrainId.Key, 0, upTo, item =>
        {
            byDepartment.Apply(item);
            byDistrict.Apply(item);
        });
        return new RebuiltYears(
            [.. years.Select(year => byDepartment.Figures(year, asOf, upTo))],
            [.. years.Select(year => byDistrict.Figures(year, asOf, upTo))]);
    }
}

/// <summary>The district figures' state, written once per delivered batch.</summary>
public sealed record DistrictFiguresState
{
    public long Checkpoint { get; init; }
    public YearlyState Yearly { get; init; } = new();
}
