using System.Globalization;
using CityActors.Grains;

namespace CityActors.ClientApi.Http;

/// <summary>Parses query values so that a bad one is a 422 naming the parameter, not a silent default.</summary>
public static class QueryValues
{
    public static T? Enum<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var normalized = value.Replace("-", "", StringComparison.Ordinal);
        if (System.Enum.TryParse<T>(normalized, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !normalized.Any(char.IsAsciiDigit))
            return parsed;
        throw new ValidationException(field, $"'{value}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }

    public static DateTimeOffset? Time(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw new ValidationException(field, $"'{value}' is not a time; use ISO 8601, such as 2026-03-02T09:00:00+02:00.");
    }

    public static int Int(string? value, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
            throw new ValidationException(field, $"'{value}' must be a whole number from {min} to {max}.");
        return parsed;
    }

    public static bool? Bool(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return bool.TryParse(value, out var parsed) ? parsed : throw new ValidationException(field, $"'{value}' must be true or false.");
    }

    /// <summary>Keys of facilities, projects and departments: lower-case latin letters, digits, dots and dashes.</summary>
    public static string Key(string value, string field)
    {
        if (value.Length is 0 or > 100 || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_'))
            throw new ValidationException(field, $"'{Shorten(value)}' is not a key: use 1 to 100 lower-case latin letters, digits, '.', '_' and '-'.");
        return value;
    }

    static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
