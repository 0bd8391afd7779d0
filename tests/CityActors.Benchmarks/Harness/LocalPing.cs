using CityActors.Benchmarks.Grains;

namespace CityActors.Benchmarks.Harness;

/// <summary>The ping interface implemented by a plain object: the floor under any call through the runtime.</summary>
internal sealed class LocalPing : IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
