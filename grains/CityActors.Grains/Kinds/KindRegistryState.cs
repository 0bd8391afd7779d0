namespace CityActors.Grains.Kinds;

/// <summary>The registry's kinds by id, and who changed them.</summary>
public sealed record KindRegistryState
{
    public IReadOnlyDictionary<string, FacilityKind> Kinds { get; init; } = new Dictionary<string, FacilityKind>();

    public IReadOnlyList<KindChange> Changes { get; init; } = [];
}

/// <summary>One change of a kind: which, who, when and why.</summary>
public sealed record KindChange(string Kind, ChangeInfo Change);
