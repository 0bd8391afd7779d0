namespace CityActors.Grains.Access;

/// <summary>The city's keys with their hashes.</summary>
public sealed record AccessState
{
    public IReadOnlyList<StoredKey> Keys { get; init; } = [];
}

public sealed record StoredKey(ApiKeyInfo Info, string Hash);
