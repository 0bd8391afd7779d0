namespace CityActors.Benchmarks.Grains;

public abstract record CounterEvent;

public sealed record CounterAdded(long Amount) : CounterEvent;

/// <summary>Immutable, as the journal expects: it shares one object between the confirmed and the tentative state.</summary>
public sealed record CounterJournalState
{
    public long Total { get; init; }
    public long Events { get; init; }
}
