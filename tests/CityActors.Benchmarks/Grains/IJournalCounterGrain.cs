using CityActors.Runtime;

namespace CityActors.Benchmarks.Grains;

/// <summary>Raises one event and confirms it on every call.</summary>
public interface IJournalCounterGrain : IGrainWithStringKey
{
    Task AddAsync(long amount);
}
