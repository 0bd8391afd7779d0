using System.Text.Json;

namespace CityActors.Grains.Kinds;

/// <summary>Checks that a kind definition holds together before it is stored.</summary>
public static class KindValidation
{
    public static void Validate(FacilityKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Require(IsId(kind.Id), "id", "must be lower-case latin letters, digits and dashes, such as 'water-kiosk'.");
        Require(!string.IsNullOrWhiteSpace(kind.Name), "name", "is required (Ukrainian).");
        Require(!string.IsNullOrWhiteSpace(kind.NameEn), "nameEn", "is required.");
        Require(kind.Statuses is { Count: > 0 }, "statuses", "a kind needs at least one status.");
        Require(kind.Statuses.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() == kind.Statuses.Count, "statuses", "status codes must be unique.");
        foreach (var status in kind.Statuses)
            Require(IsId(status.Code) && status.Code != Alarms.Alarm.Offline, $"statuses.{status.Code}", "a status code is latin letters, digits and dashes, and not 'offline' (silence is detected, not reported).");
        Require(kind.Readings is not null, "readings", "is required (it may be empty).");
        Require(kind.Readings!.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() == kind.Readings!.Count, "readings", "reading names must be unique.");
        foreach (var reading in kind.Readings!)
        {
            Require(IsId(reading.Name), $"readings.{reading.Name}", "a reading name is latin letters, digits and dashes.");
            Require(double.IsFinite(reading.Min) && double.IsFinite(reading.Max) && reading.Min <= reading.Max, $"readings.{reading.Name}", "min must not exceed max.");
        }
        Require(kind.OfflineAfter >= TimeSpan.FromSeconds(10), "offlineAfter", "must be at least 10 seconds.");
        Require(kind.RemindEvery >= TimeSpan.FromMinutes(1), "remindEvery", "must be at least a minute.");
        Require(kind.Alarms is not null, "alarms", "is required (it may be empty).");
        Require(kind.Alarms!.Select(a => a.Type).Distinct(StringComparer.Ordinal).Count() == kind.Alarms!.Count, "alarms", "alarm types must be unique.");
        foreach (var rule in kind.Alarms!)
        {
            var field = $"alarms.{rule.Type}";
            Require(IsId(rule.Type) && rule.Type != Alarms.Alarm.Offline, field, "an alarm type is latin letters, digits and dashes, and not 'offline'.");
            Require(!string.IsNullOrWhiteSpace(rule.Message), field, "needs a message.");
            Require(rule.WhenStatusIn is { Count: > 0 } || rule.Reading is not null, field, "needs a condition: statuses, a reading, or both.");
            foreach (var status in rule.WhenStatusIn ?? [])
                Require(kind.FindStatus(status) is not null, field, $"names status '{status}', which the kind does not have.");
            if (rule.Reading is not null)
            {
                Require(kind.FindReading(rule.Reading) is not null, field, $"names reading '{rule.Reading}', which the kind does not have.");
                Require(rule.Below is not null || rule.Above is not null, field, "a reading condition needs 'below' or 'above'.");
            }
        }
    }

    /// <summary>Whether two definitions say the same thing (records compare lists by reference, so compare their JSON).</summary>
    public static bool SameDefinition(FacilityKind a, FacilityKind b)
        => JsonSerializer.Serialize(a).Equals(JsonSerializer.Serialize(b), StringComparison.Ordinal);

    static bool IsId(string? value)
        => !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    static void Require(bool condition, string field, string reason)
    {
        if (!condition)
            throw new ValidationException(field, reason);
    }
}
