using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.TestGrains;

public interface ICountingGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amount);

    Task<long> GetAsync();
}

public sealed record Tally(long Total);

/// <summary>Names Orleans's default storage, as grains ported from Orleans do.</summary>
public sealed class DefaultStorageGrain([PersistentState("tally", "Default")] IPersistentState<Tally> state) : Grain, ICountingGrain
{
    public async Task<long> AddAsync(long amount)
    {
        state.State = new Tally((state.State?.Total ?? 0) + amount);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<long> GetAsync() => Task.FromResult(state.State?.Total ?? 0);
}

public interface ICartGrain : ICountingGrain;

/// <summary>Names a storage of its own.</summary>
/// <remarks>
/// Generic so that <c>AddGrains(assembly)</c> passes it by (a silo whose storage has another name refuses to start):
/// only the tests that add it with <c>AddGrain</c> have it.
/// </remarks>
[GrainType("cart")]
public sealed class CartGrain<TMarker>([PersistentState("cart", "shopping-cart")] IPersistentState<Tally> state) : Grain, ICartGrain
{
    public async Task<long> AddAsync(long amount)
    {
        state.State = new Tally((state.State?.Total ?? 0) + amount);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<long> GetAsync() => Task.FromResult(state.State?.Total ?? 0);
}
