using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class ActivationTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task GetGrain_ThousandConcurrentFirstCallsToTenGrains_EachGrainActivatesOnce()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"once-{Guid.NewGuid():N}-{i}").ToArray();
        var calls = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => _silo.GrainFactory.GetGrain<ITurnGrain>(keys[i % keys.Length]).PingAsync()));

        var results = await Task.WhenAll(calls);

        Assert.Equal(1000, results.Sum());
        foreach (var key in keys)
            Assert.Equal(1, ActivationCounter.Constructed[$"turn/{key}"]);
    }

    [Fact]
    public void GetGrain_OnlyMakesAReference_NothingActivates()
    {
        var key = $"lazy-{Guid.NewGuid():N}";

        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>(key);

        Assert.Equal(key, grain.GetPrimaryKeyString());
        Assert.Equal(new GrainId("turn", key), grain.GetGrainId());
        Assert.False(ActivationCounter.Constructed.ContainsKey($"turn/{key}"));
    }

    [Fact]
    public async Task Call_GrainThrows_CallerGetsTheSameException()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>("thrower");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("out of range"));

        Assert.Equal("out of range", error.Message);
        Assert.Equal(1, await grain.PingAsync());
    }

    [Fact]
    public async Task Call_ValueTaskMethod_ReturnsItsValue()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>("echo");

        var echoed = await grain.EchoAsync("Житомир / вул. Київська, 1");

        Assert.Equal("Житомир / вул. Київська, 1", echoed);
    }

    [Fact]
    public async Task Activation_OnActivateThrows_QueuedCallsFailWithTheReason()
    {
        var grain = _silo.GrainFactory.GetGrain<IFailingActivationGrain>("refuses");

        var calls = Enumerable.Range(0, 5).Select(_ => grain.PingAsync()).ToArray();

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
            Assert.Equal("activation of refuses refused", error.Message);
        }
    }

    [Fact]
    public void GetGrain_InterfaceWithoutGrainClass_SaysWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => _silo.GrainFactory.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains(nameof(IUnimplementedGrain), error.Message, StringComparison.Ordinal);
    }

    public interface IUnimplementedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }
}
