namespace CityActors.Grains.Kinds;

/// <summary>The city's facility kinds (key: the city name). Seeded with the built-in kinds; operators add more without a code change.</summary>
public interface IKindRegistryGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<IReadOnlyList<FacilityKind>> GetKindsAsync();

    /// <summary>The kind with this id; null when there is none.</summary>
    [ReadOnly]
    Task<FacilityKind?> GetKindAsync(string id);

    /// <summary>Adds a kind or replaces the one with the same id.</summary>
    /// <exception cref="ValidationException">The definition contradicts itself; nothing is stored.</exception>
    Task PutKindAsync(FacilityKind kind, ChangeContext change);
}
