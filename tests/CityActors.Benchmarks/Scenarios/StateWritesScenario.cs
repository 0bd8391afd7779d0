using CityActors.Benchmarks.Grains;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Grains that change their persistent state and write it durably on every call.</summary>
internal sealed class StateWritesScenario : IScenario
{
    public string Name => "state-writes";

    public string Description => "State.Add(x) + WriteStateAsync() from many callers over 10,000 grains, per --storage: writes/s";

    public Task RunAsync(ScenarioContext context) => new DurableWriteLoad<IStateWriterGrain>(
            "state-writes",
            "writes/s",
            s => s.AddGrain<StateWriterGrain>(),
            (factory, key) => factory.GetGrain<IStateWriterGrain>(key),
            (grain, amount) => grain.AddAsync(amount))
        .RunAsync(context, Name);
}
