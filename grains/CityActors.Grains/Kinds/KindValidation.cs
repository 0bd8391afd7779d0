using System.Text.Json;

namespace CityActors.Grains.Kinds;

/// <summary>Checks that a kind definition holds together before it is stored.</summary>
public static class KindValidation
{
    /// <summary>Longer silences or reminder periods make no sense for a live facility, and would overflow the time they are added to.</summary>
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(30);

    const int MaxItems = 100;
    const int MaxText = 500;

    public static void Validate(FacilityKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Require(IsId(kind.Id), "id", "must be lower-case latin letters, digits and dashes, such as 'water-kiosk'.");
        Require(!string.IsNullOrWhiteSpace(kind.Name), "name", "is required (Ukrainian).");
        Require(!string.IsNullOrWhiteSpace(kind.NameEn), "nameEn", "is required.");
        Require(kind.Statuses is { Count: > 0 }, "statuses", "a kind needs at least one status.");
        Require(kind.Statuses.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() == kind.Statuses.Count, "statuses", "status codes must be unique.");
        Require(kind.Name.Length <= MaxText && kind.NameEn.Length <= MaxText, "name", $"at most {MaxText} characters.");
        Require(kind.Statuses.Count <= MaxItems && kind.Readings?.Count is null or <= MaxItems && kind.Alarms?.Count is null or <= MaxItems,
            "statuses", $"a kind has at most {MaxItems} statuses, readings and alarm rules each.");
        foreach (var status in kind.Statuses)
        {
            Require(IsId(status.Code) && status.Code != Alarms.Alarm.Offline, $"statuses.{status.Code}", "a status code is latin letters, digits and dashes, and not 'offline' (silence is detected, not reported).");
            Require(IsText(status.Name) && IsText(status.NameEn), $"statuses.{status.Code}", $"a status needs a name and an English name (at most {MaxText} characters).");
        }
        Require(kind.Readings is not null, "readings", "is required (it may be empty).");
        Require(kind.Readings!.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() == kind.Readings!.Count, "readings", "reading names must be unique.");
        foreach (var reading in kind.Readings!)
        {
            Require(IsId(reading.Name), $"readings.{reading.Name}", "a reading name is latin letters, digits and dashes.");
            Require(IsText(reading.Unit), $"readings.{reading.Name}", "needs a unit, such as '°C', '%' or '0/1'.");
            Require(double.IsFinite(reading.Min) && double.IsFinite(reading.Max) && reading.Min <= reading.Max, $"readings.{reading.Name}", "min must not exceed max.");
            Require(Enum.IsDefined(reading.Type), $"readings.{reading.Name}", "type is number, whole or flag.");
        }
        Require(kind.OfflineAfter >= TimeSpan.FromSeconds(10) && kind.OfflineAfter <= LongestPeriod, "offlineAfter", "must be from 10 seconds to 30 days.");
        Require(Enum.IsDefined(kind.OfflineSeverity), "offlineSeverity", "is info, warning or critical.");
        Require(kind.RemindEvery >= TimeSpan.FromMinutes(1) && kind.RemindEvery <= LongestPeriod, "remindEvery", "must be from a minute to 30 days.");
        Require(kind.Alarms is not null, "alarms", "is required (it may be empty).");
        Require(kind.Alarms!.Select(a => a.Type).Distinct(StringComparer.Ordinal).Count() == kind.Alarms!.Count, "alarms", "alarm types must be unique.");
        foreach (var rule in kind.Alarms!)
        {
            var field = $"alarms.{rule.Type}";
            Require(IsId(rule.Type) && rule.Type != Alarms.Alarm.Offline, field, "an alarm type is latin letters, digits and dashes, and not 'offline'.");
            Require(IsText(rule.Message), field, $"needs a message (at most {MaxText} characters).");
            Require(Enum.IsDefined(rule.Severity), field, "severity is info, warning or critical.");
            Require((rule.Below is not { } below || double.IsFinite(below)) && (rule.Above is not { } above || double.IsFinite(above)), field, "below and above must be numbers.");
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

    static bool IsText(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxText;

    static bool IsId(string? value)
        => !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    static void Require(bool condition, string field, string reason)
    {
        if (!condition)
            throw new ValidationException(field, reason);
    }
}
