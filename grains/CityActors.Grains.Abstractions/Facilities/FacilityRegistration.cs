namespace CityActors.Grains.Facilities;

/// <summary>A facility's registry data.</summary>
/// <param name="Kind">The id of its <see cref="Kinds.FacilityKind"/>.</param>
/// <param name="Name">Its name in Ukrainian: <c>Ліцей № 25</c>.</param>
/// <param name="Address">Street address in Ukrainian.</param>
/// <param name="District">The city district: <c>Богунський</c> or <c>Корольовський</c> in Zhytomyr.</param>
/// <param name="Department">The id of the owning department (a <see cref="Departments.IDepartmentGrain"/> key).</param>
/// <param name="Location">Where it is, when known.</param>
/// <param name="LocationPublic">Whether the location may be published (shelters and cameras: no).</param>
/// <param name="Capacity">People it can hold or serve, when that applies.</param>
public sealed record FacilityRegistration(
    string Kind,
    string Name,
    string Address,
    string District,
    string Department,
    GeoPoint? Location,
    bool LocationPublic,
    int? Capacity = null);

/// <summary>A WGS 84 point.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);
