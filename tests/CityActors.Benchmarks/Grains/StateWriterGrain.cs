using CityActors.Runtime;
using CityActors.Runtime.Storage;

namespace CityActors.Benchmarks.Grains;

public sealed class StateWriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IStateWriterGrain
{
    public Task AddAsync(long amount)
    {
        state.State.Add(amount);
        return state.WriteStateAsync();
    }
}
