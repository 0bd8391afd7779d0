namespace CityActors.Grains.Directory;

/// <summary>The directory's snapshot, written every few seconds: the stream after <see cref="Checkpoint"/> is read back at activation.</summary>
public sealed record FacilityDirectoryState
{
    public long Checkpoint { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<FacilityListing> Facilities { get; init; } = [];
}
