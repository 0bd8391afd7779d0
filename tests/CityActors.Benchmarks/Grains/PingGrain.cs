using CityActors.Runtime;

namespace CityActors.Benchmarks.Grains;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
