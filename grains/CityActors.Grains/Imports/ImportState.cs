namespace CityActors.Grains.Imports;

/// <summary>The ids of the facilities registered or confirmed through registry imports: the list the export walks.</summary>
public sealed record ImportState
{
    public IReadOnlyList<string> FacilityIds { get; init; } = [];
}
