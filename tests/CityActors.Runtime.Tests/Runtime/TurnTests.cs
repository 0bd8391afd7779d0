using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class TurnTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task NonReentrantGrain_ConcurrentCalls_NeverInterleave()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"serial-{Guid.NewGuid():N}");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.WorkAsync(5)));

        Assert.Equal(1, await grain.GetMaxInsideAsync());
    }

    [Fact]
    public async Task CallerOutsideAnyGrain_ContinuesOutsideTheGrainsTurns()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"outside-{Guid.NewGuid():N}");

        var context = await Task.Run(async () =>
        {
            await grain.WorkAsync(5);
            return SynchronizationContext.Current;
        });

        Assert.Null(context);
    }

    [Fact]
    public async Task ReentrantGrain_ConcurrentCalls_Interleave()
    {
        var grain = _silo.GrainFactory.GetGrain<IReentrantTurnGrain>($"reentrant-{Guid.NewGuid():N}");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.WorkAsync(50)));

        Assert.True(await grain.GetMaxInsideAsync() > 1);
    }

    [Fact]
    public async Task ReadOnlyCalls_InterleaveWithEachOther()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"readers-{Guid.NewGuid():N}");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.ReadAsync(50)));

        Assert.True(await grain.GetMaxInsideAsync() > 1);
    }

    [Fact]
    public async Task ReadOnlyCall_WaitsForARunningWrite()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"read-after-write-{Guid.NewGuid():N}");
        var write = grain.WorkAsync(200);
        await Task.Delay(20);

        var read = grain.ReadAsync(1);
        var first = await Task.WhenAny(write, read);

        Assert.Same(write, first);
        await read;
        Assert.Equal(1, await grain.GetMaxInsideAsync());
    }

    [Fact]
    public async Task AlwaysInterleaveCall_RunsWhileAnotherCallWaits()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>($"peek-{Guid.NewGuid():N}");
        var busy = grain.WorkAsync(500);
        await Task.Delay(50);

        var inside = await grain.PeekInsideAsync();

        Assert.Equal(1, inside);
        Assert.False(busy.IsCompleted);
        await busy;
    }
}
