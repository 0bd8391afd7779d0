using CityActors.Benchmarks.Grains;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Journaled grains that raise one event and confirm it on every call.</summary>
internal sealed class JournalAppendsScenario : IScenario
{
    public string Name => "journal-appends";

    public string Description => "RaiseEvent + ConfirmEvents() from many callers over 10,000 journaled grains, per --storage: events/s";

    public Task RunAsync(ScenarioContext context) => new DurableWriteLoad<IJournalCounterGrain>(
            "journal-appends",
            "events/s",
            s => s.AddGrain<JournalCounterGrain>(),
            (factory, key) => factory.GetGrain<IJournalCounterGrain>(key),
            (grain, amount) => grain.AddAsync(amount))
        .RunAsync(context, Name);
}
