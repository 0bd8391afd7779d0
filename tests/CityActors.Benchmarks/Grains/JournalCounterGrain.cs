using CityActors.Runtime;

namespace CityActors.Benchmarks.Grains;

/// <summary>A journaled grain with the runtime's default snapshot interval, so snapshot writes are part of the cost.</summary>
public sealed class JournalCounterGrain : JournaledGrain<CounterJournalState, CounterEvent>, IJournalCounterGrain
{
    public Task AddAsync(long amount)
    {
        RaiseEvent(new CounterAdded(amount));
        return ConfirmEvents();
    }

    protected override CounterJournalState TransitionState(CounterJournalState state, CounterEvent @event) => @event switch
    {
        CounterAdded added => state with { Total = state.Total + added.Amount, Events = state.Events + 1 },
        _ => state,
    };
}
