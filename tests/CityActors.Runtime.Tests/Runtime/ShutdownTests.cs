using System.Diagnostics;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

/// <summary>A graceful stop runs what it accepted, refuses what comes after, flushes storage, and keeps to its time.</summary>
public sealed class ShutdownTests : IDisposable
{
    readonly string _database = Path.Combine(Path.GetTempPath(), $"cityactors-stop-{Guid.NewGuid():N}.db");

    void UseStorage(SiloBuilder silo) => silo.AddGrains(typeof(TallyGrain).Assembly).UseSqliteStorage(_database);

    [Fact]
    public async Task Stop_CallsQueuedBehindARunningCall_RunToCompletionAndTheirWritesAreDurable()
    {
        var gate = $"gate-{Guid.NewGuid():N}";
        await using var silo = await TestSilo.StartAsync(UseStorage);
        var tally = silo.GrainFactory.GetGrain<ITallyGrain>("queued");
        var running = tally.CountAsync(gate);
        await Gates.ReachedAsync(gate);
        var queued = Enumerable.Range(0, 3).Select(_ => tally.CountAsync(null)).ToList();

        var stopping = silo.StopAsync();
        var refused = await RefusedAsync(silo.GrainFactory);
        Gates.Release(gate);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(refused, "a call from outside after the stop began is refused");
        Assert.Equal(1, await running);
        Assert.Equal([2, 3, 4], (await Task.WhenAll(queued)).Order());
        await using var restarted = await TestSilo.StartAsync(UseStorage);
        Assert.Equal(4, await restarted.GrainFactory.GetGrain<ITallyGrain>("queued").GetAsync());
    }

    [Fact]
    public async Task Stop_CallThatNeverFinishes_EndsAtTheShutdownTimeoutAndFailsTheCallsLeft()
    {
        await using var silo = await TestSilo.StartAsync(UseStorage, configuration: new Dictionary<string, string?> { ["shutdownTimeoutSeconds"] = "1" });
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>($"stuck-{Guid.NewGuid():N}");
        var stuck = grain.WaitForeverAsync();
        // Interleaves with the stuck call, so it answers once that call runs.
        await grain.PeekInsideAsync();
        var queued = grain.PingAsync();
        var clock = Stopwatch.StartNew();

        await silo.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the stop took {clock.Elapsed}, its timeout is 1 s");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => queued.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Calls a grain no one has called yet until the stopping silo refuses it; false if it never does.</summary>
    static async Task<bool> RefusedAsync(IGrainFactory grains)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await grains.GetGrain<ITallyGrain>($"late-{Guid.NewGuid():N}").GetAsync();
            }
            catch (SiloUnavailableException)
            {
                return true;
            }
            await Task.Delay(10);
        }
        return false;
    }

    public void Dispose()
    {
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }
}
