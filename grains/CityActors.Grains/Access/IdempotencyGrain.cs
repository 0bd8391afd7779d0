using CityActors.Runtime.Storage;

namespace CityActors.Grains.Access;

/// <summary>Keeps the first answer to an idempotent request, so a retry gets the same answer and changes nothing.</summary>
public sealed class IdempotencyGrain([PersistentState("response")] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyGrain
{
    public Task<StoredResponse?> GetAsync() => Task.FromResult(state.State.Response);

    public async Task<StoredResponse> SaveAsync(StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (state.State.Response is { } first)
            return first;
        state.State = new IdempotencyState { Response = response };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new IdempotencyState();
            throw;
        }
        return response;
    }
}

public sealed record IdempotencyState
{
    public StoredResponse? Response { get; init; }
}
