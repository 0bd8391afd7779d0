using CityActors.Runtime.Storage;

namespace CityActors.Grains.Kinds;

/// <summary>The city's facility kinds, seeded with <see cref="BuiltInKinds"/> and edited by operators.</summary>
[GrainType("kinds")]
public sealed class KindRegistryGrain([PersistentState("kinds")] IPersistentState<KindRegistryState> state, TimeProvider time) : Grain, IKindRegistryGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var missing = BuiltInKinds.All.Where(k => !state.State.Kinds.ContainsKey(k.Id)).ToList();
        if (missing.Count == 0)
            return;
        var kinds = new Dictionary<string, FacilityKind>(state.State.Kinds);
        foreach (var kind in missing)
            kinds[kind.Id] = kind;
        state.State = state.State with { Kinds = kinds };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<FacilityKind>> GetKindsAsync()
        => Task.FromResult<IReadOnlyList<FacilityKind>>([.. state.State.Kinds.Values.OrderBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<FacilityKind?> GetKindAsync(string id)
        => Task.FromResult(state.State.Kinds.GetValueOrDefault(id));

    public async Task PutKindAsync(FacilityKind kind, ChangeContext change)
    {
        KindValidation.Validate(kind);
        ChangeValidation.Validate(change);
        if (state.State.Kinds.TryGetValue(kind.Id, out var current) && KindValidation.SameDefinition(current, kind))
            return;
        var kinds = new Dictionary<string, FacilityKind>(state.State.Kinds) { [kind.Id] = kind };
        var audit = new KindChange(kind.Id, ChangeInfo.From(change, time.GetUtcNow()));
        state.State = state.State with { Kinds = kinds, Changes = [.. state.State.Changes.TakeLast(199), audit] };
        await state.WriteStateAsync();
    }
}
