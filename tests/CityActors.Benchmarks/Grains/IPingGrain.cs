using CityActors.Runtime;

namespace CityActors.Benchmarks.Grains;

/// <summary>A grain with an empty method: what a call costs when the grain does nothing.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task PingAsync();
}
