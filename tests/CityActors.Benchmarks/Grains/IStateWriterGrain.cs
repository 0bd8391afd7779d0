using CityActors.Runtime;

namespace CityActors.Benchmarks.Grains;

/// <summary>Changes its persistent state and writes it durably on every call.</summary>
public interface IStateWriterGrain : IGrainWithStringKey
{
    Task AddAsync(long amount);
}
