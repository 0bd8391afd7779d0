using CityActors.Grains.Facilities;

namespace CityActors.Grains.Tests.Support;

/// <summary>Small builders for registrations, updates and changes.</summary>
public static class Facts
{
    static int s_next;

    public static FacilityRegistration Registration(string kind, string name = "Об'єкт", string department = "education", string district = "Корольовський")
        => new(kind, name, "вул. Київська, 1", district, department, new GeoPoint(50.2547, 28.6587), LocationPublic: true, Capacity: 100);

    public static ChangeContext Change(string by = "оператор Петренко", string? reason = null, DateTimeOffset? observedAt = null)
        => new("urn:test:operator", $"change-{Interlocked.Increment(ref s_next)}", by, reason, observedAt);

    public static StatusUpdate Update(string status, DateTimeOffset observedAt, string? id = null, params (string Name, double Value)[] readings)
        => new(status, readings.ToDictionary(r => r.Name, r => r.Value), observedAt, "urn:test:device", id ?? $"update-{Interlocked.Increment(ref s_next)}");
}
