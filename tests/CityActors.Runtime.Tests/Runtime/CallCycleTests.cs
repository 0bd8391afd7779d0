using System.Diagnostics;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class CallCycleTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Call_CycleBetweenNonReentrantGrains_FailsAtOnceNamingTheCycle()
    {
        var a = _silo.GrainFactory.GetGrain<ICycleGrain>("a");
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallAlongAsync(["b", "a"], 0));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal([new GrainId("cycle", "a"), new GrainId("cycle", "b"), new GrainId("cycle", "a")], error.CallChain);
        Assert.Contains("cycle/a -> cycle/b -> cycle/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_LongerCycle_NamesEveryGrain()
    {
        var x = _silo.GrainFactory.GetGrain<ICycleGrain>("x");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => x.CallAlongAsync(["y", "z", "y"], 0));

        Assert.Equal(["x", "y", "z", "y"], error.CallChain.Select(g => g.Key));
    }

    [Fact]
    public async Task Call_ChainWithoutCycle_Succeeds()
    {
        var first = _silo.GrainFactory.GetGrain<ICycleGrain>("p");

        var last = await first.CallAlongAsync(["q", "r", "s"], 0);

        Assert.Equal("s", last);
    }

    [Fact]
    public async Task Call_CycleIntoAlwaysInterleaveMethod_IsAllowed()
    {
        var m = _silo.GrainFactory.GetGrain<ICycleGrain>("m");

        var name = await m.AskOwnNameThroughAsync("n");

        Assert.Equal("m", name);
    }

    [Fact]
    public async Task Call_SameGrainCalledAgainAfterTheFirstCallEnded_IsNoCycle()
    {
        var grain = _silo.GrainFactory.GetGrain<ICycleGrain>("again");

        await grain.AskNameAsync("other");
        var name = await grain.AskNameAsync("other");

        Assert.Equal("other", name);
    }
}
