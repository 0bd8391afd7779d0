using System.Globalization;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Imports;

/// <summary>A facility row as read from a registry file, before it is compared with the grain.</summary>
sealed record FacilityRow(int Line, string Id, FacilityRegistration Registration);

/// <summary>The registry's columns, their English and Ukrainian headers, and how a cell becomes a field.</summary>
static class FacilityColumns
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string Address = "address";
    public const string District = "district";
    public const string Department = "department";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string LocationPublic = "locationPublic";
    public const string Capacity = "capacity";

    /// <summary>The columns in export order.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, Kind, Name, Address, District, Department, Latitude, Longitude, LocationPublic, Capacity];

    public static IReadOnlyList<string> Required { get; } = [Id, Kind, Name, District, Department];

    /// <summary>Headers accepted for each column, compared as lower-case letters and digits only ("Location public" = "location_public").</summary>
    static readonly Dictionary<string, string> s_headers = Aliases(new()
    {
        [Id] = ["id", "ідентифікатор", "код", "ід"],
        [Kind] = ["kind", "type", "тип", "вид", "вид об'єкта", "тип об'єкта"],
        [Name] = ["name", "назва", "найменування"],
        [Address] = ["address", "адреса"],
        [District] = ["district", "район"],
        [Department] = ["department", "департамент", "підрозділ", "відповідальний підрозділ", "власник", "балансоутримувач"],
        [Latitude] = ["latitude", "lat", "широта"],
        [Longitude] = ["longitude", "lon", "lng", "довгота"],
        [LocationPublic] = ["location public", "locationPublic", "public location", "публічне розташування", "координати публічні", "публікувати розташування"],
        [Capacity] = ["capacity", "місткість", "потужність"],
    });

    /// <summary>The column a header names, or null.</summary>
    public static string? Of(string header) => s_headers.GetValueOrDefault(Normalise(header));

    /// <summary>Reads one row's cells by column; null (with <paramref name="error"/>) when a cell cannot be read.</summary>
    public static FacilityRow? Read(int line, Func<string, string?> cell, out string? error)
    {
        error = null;
        var id = cell(Id)?.Trim() ?? string.Empty;
        if (id.Length == 0 || id.Length > 100 || id.Any(char.IsWhiteSpace))
            return Fail("id: is required (at most 100 characters, no spaces).", out error);
        foreach (var column in Required)
        {
            if (string.IsNullOrWhiteSpace(cell(column)))
                return Fail($"{column}: is required.", out error);
        }
        var latitude = cell(Latitude)?.Trim() ?? string.Empty;
        var longitude = cell(Longitude)?.Trim() ?? string.Empty;
        GeoPoint? location = null;
        if (latitude.Length > 0 || longitude.Length > 0)
        {
            if (!TryNumber(latitude, out var lat))
                return Fail($"latitude: \"{latitude}\" is not a number (both coordinates or neither).", out error);
            if (!TryNumber(longitude, out var lon))
                return Fail($"longitude: \"{longitude}\" is not a number (both coordinates or neither).", out error);
            location = new GeoPoint(lat, lon);
        }
        var publicText = cell(LocationPublic)?.Trim() ?? string.Empty;
        if (!TryBoolean(publicText, out var locationPublic))
            return Fail($"locationPublic: \"{publicText}\" is not yes/no (true/false, так/ні, 1/0).", out error);
        var capacityText = cell(Capacity)?.Trim() ?? string.Empty;
        int? capacity = null;
        if (capacityText.Length > 0)
        {
            if (!int.TryParse(capacityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Fail($"capacity: \"{capacityText}\" is not a whole number.", out error);
            capacity = value;
        }
        var registration = new FacilityRegistration(
            cell(Kind)!.Trim(), cell(Name)!.Trim(), cell(Address)?.Trim() ?? string.Empty, cell(District)!.Trim(), cell(Department)!.Trim(),
            location, locationPublic, capacity);
        return new FacilityRow(line, id, registration);
    }

    /// <summary>The cells of a registration in <see cref="All"/> order, as the export writes them.</summary>
    public static string[] Cells(string id, FacilityRegistration r) =>
    [
        id, r.Kind, r.Name, r.Address, r.District, r.Department,
        r.Location?.Latitude.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        r.Location?.Longitude.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        r.LocationPublic ? "true" : "false",
        r.Capacity?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
    ];

    /// <summary>The fields of a registration by column name, for listing what an import changes.</summary>
    public static Dictionary<string, string> Fields(FacilityRegistration r)
    {
        var cells = Cells(string.Empty, r);
        return All.Skip(1).Select((c, i) => (c, cells[i + 1])).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);
    }

    static bool TryNumber(string text, out double value)
    {
        // A Ukrainian spreadsheet writes "50,2547"; with a semicolon delimiter that comma is a decimal comma.
        var normalised = text.Contains('.', StringComparison.Ordinal) ? text : text.Replace(',', '.');
        return double.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "" or "false" or "no" or "ні" or "0":
                value = false;
                return true;
            case "true" or "yes" or "так" or "1":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    static FacilityRow? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    static string Normalise(string header) => new([.. header.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    static Dictionary<string, string> Aliases(Dictionary<string, string[]> byColumn)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, aliases) in byColumn)
        {
            foreach (var alias in aliases)
                map[Normalise(alias)] = column;
        }
        return map;
    }
}
