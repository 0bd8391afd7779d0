using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class StorageNameTests
{
    readonly MemoryBackend _backend = new();

    [Fact]
    public async Task PersistentState_NamingDefault_IsKeptInTheSilosStorage()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UseMemoryStorage(_backend));

        var total = await silo.GrainFactory.GetGrain<ICountingGrain>("ported").AddAsync(5);
        var restarted = await silo.RestartAsync();
        await using var _ = restarted;

        Assert.Equal(5, total);
        Assert.Equal(5, await restarted.GrainFactory.GetGrain<ICountingGrain>("ported").GetAsync());
        Assert.NotNull(await _backend.ReadStateAsync(new GrainId("defaultstorage", "ported"), "tally", CancellationToken.None));
    }

    [Fact]
    public async Task PersistentState_NamingTheNameTheStorageWasGiven_IsKeptInTheSilosStorage()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<CartGrain<StorageNameTests>>().UseMemoryStorage(_backend, name: "shopping-cart"));

        await silo.GrainFactory.GetGrain<ICartGrain>("basket").AddAsync(3);
        var total = await silo.GrainFactory.GetGrain<ICartGrain>("basket").AddAsync(4);

        Assert.Equal(7, total);
        Assert.NotNull(await _backend.ReadStateAsync(new GrainId("cart", "basket"), "cart", CancellationToken.None));
    }

    [Fact]
    public async Task SiloStart_GrainNamesAStorageTheSiloDoesNotHave_FailsNamingTheGrainAndTheStorage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestSilo.StartAsync(s => s.AddGrain<CartGrain<StorageNameTests>>().UseMemoryStorage(_backend)));

        Assert.Contains("grain type 'cart'", error.Message, StringComparison.Ordinal);
        Assert.Contains("names storage 'shopping-cart'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Default'", error.Message, StringComparison.Ordinal);
    }
}
