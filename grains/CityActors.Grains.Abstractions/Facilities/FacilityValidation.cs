using System.Globalization;
using CityActors.Grains.Kinds;

namespace CityActors.Grains.Facilities;

/// <summary>Checks registrations and status updates against the facility's kind; a failure changes nothing.</summary>
public static class FacilityValidation
{
    /// <summary>How far ahead of the silo's clock a report may say it was observed (device clocks drift).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static void ValidateUpdate(StatusUpdate update, FacilityKind kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(kind);
        ChangeValidation.Validate(update.Source, update.Id);
        if (string.IsNullOrEmpty(update.Status) || kind.FindStatus(update.Status) is null)
            throw new ValidationException("status", $"'{update.Status}' is not a status of kind '{kind.Id}'; expected one of: {string.Join(", ", kind.Statuses.Select(s => s.Code))}.");
        if (update.ObservedAt > now + FutureTolerance)
            throw new ValidationException("observedAt", $"{update.ObservedAt:O} is in the future (the city's clock says {now:O}).");
        if (update.ObservedAt.Year < 2000)
            throw new ValidationException("observedAt", $"{update.ObservedAt:O} is not a plausible observation time.");
        if (update.Readings is null)
            throw new ValidationException("readings", "is required (it may be empty).");
        foreach (var (name, value) in update.Readings)
            ValidateReading(kind, name, value);
        if (update.By is { Length: > 256 })
            throw new ValidationException("by", "must be at most 256 characters.");
        if (update.Reason is { Length: > 2000 })
            throw new ValidationException("reason", "must be at most 2,000 characters.");
    }

    static void ValidateReading(FacilityKind kind, string name, double value)
    {
        var definition = kind.FindReading(name)
            ?? throw new ValidationException(Field(name), $"kind '{kind.Id}' has no reading '{name}'; it has: {(kind.Readings.Count == 0 ? "none" : string.Join(", ", kind.Readings.Select(r => r.Name)))}.");
        if (!double.IsFinite(value))
            throw new ValidationException(Field(name), "must be a finite number.");
        if (value < definition.Min || value > definition.Max)
            throw new ValidationException(Field(name), string.Create(CultureInfo.InvariantCulture, $"{value} {definition.Unit} is outside the valid range {definition.Min}…{definition.Max} {definition.Unit}."));
        if (definition.Type == ReadingType.Whole && value != Math.Floor(value))
            throw new ValidationException(Field(name), string.Create(CultureInfo.InvariantCulture, $"{value} must be a whole number of {definition.Unit}."));
        if (definition.Type == ReadingType.Flag && value is not (0 or 1))
            throw new ValidationException(Field(name), string.Create(CultureInfo.InvariantCulture, $"{value} must be 0 or 1."));
    }

    /// <summary>The field a reading's error names; built only for an error, since every valid update passes here.</summary>
    static string Field(string reading) => $"readings.{reading}";

    public static void ValidateRegistration(FacilityRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Require(!string.IsNullOrWhiteSpace(registration.Kind), "kind", "is required.");
        Require(!string.IsNullOrWhiteSpace(registration.Name) && registration.Name.Length <= 300, "name", "is required (at most 300 characters).");
        Require(registration.Address is { Length: <= 500 }, "address", "is required (at most 500 characters; it may be empty).");
        Require(!string.IsNullOrWhiteSpace(registration.District) && registration.District.Length <= 100, "district", "is required.");
        Require(!string.IsNullOrWhiteSpace(registration.Department) && registration.Department.Length <= 100, "department", "is required (a department id).");
        if (registration.Location is { } point)
        {
            Require(double.IsFinite(point.Latitude) && point.Latitude is >= -90 and <= 90, "location.latitude", "must be between -90 and 90.");
            Require(double.IsFinite(point.Longitude) && point.Longitude is >= -180 and <= 180, "location.longitude", "must be between -180 and 180.");
        }
        Require(registration.Capacity is null or >= 0, "capacity", "must not be negative.");
    }

    static void Require(bool condition, string field, string reason)
    {
        if (!condition)
            throw new ValidationException(field, reason);
    }
}
