using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityActors.Grains.Alarms;
using CityActors.Grains.Audit;
using CityActors.Grains.Facilities;

namespace CityActors.ClientApi.Http;

/// <summary>What a write changed, field by field: two states compared as the API writes them in JSON.</summary>
public static class AuditChanges
{
    const int MaxChanges = 100;
    const int MaxValue = 500;

    /// <remarks>Values are read by people in the audit: Ukrainian as itself, not as \u escapes.</remarks>
    static readonly JsonSerializerOptions s_text = new(ApiJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The fields whose values differ between <paramref name="before"/> and <paramref name="after"/> (either may be null),
    /// nested objects as dotted paths (<c>location.latitude</c>), lists as one value.
    /// </summary>
    public static IReadOnlyList<AuditChange> Between(object? before, object? after)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        return [.. old.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(field => old.GetValueOrDefault(field) != now.GetValueOrDefault(field))
            .Take(MaxChanges)
            .Select(field => new AuditChange(field, Short(old.GetValueOrDefault(field)), Short(now.GetValueOrDefault(field))))];
    }

    /// <summary>
    /// What a status update or an alarm action changed of a facility: status, readings, availability, alarms (severity,
    /// state, who acknowledged). The same changes as <see cref="Between"/> of the two as JSON, compared without building it:
    /// this runs on every status update, and the two JSON trees allocated about 8 KB per request (400 bytes compared directly).
    /// </summary>
    public static IReadOnlyList<AuditChange> BetweenLive(FacilitySnapshot before, FacilitySnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<AuditChange>();
        if (before.Status != after.Status)
            changes.Add(Change("status", before.Status, after.Status));
        foreach (var (name, old) in before.Readings)
            Compare(changes, name, old.Value, after.Readings.TryGetValue(name, out var now) ? now.Value : null);
        foreach (var (name, now) in after.Readings)
        {
            if (!before.Readings.ContainsKey(name))
                Compare(changes, name, null, now.Value);
        }
        if (before.Available != after.Available)
            changes.Add(Change("available", Text(before.Available), Text(after.Available)));
        if (before.Offline != after.Offline)
            changes.Add(Change("offline", Text(before.Offline), Text(after.Offline)));
        foreach (var old in before.Alarms)
            Compare(changes, old, Find(after.Alarms, old.Type));
        foreach (var now in after.Alarms)
        {
            if (Find(before.Alarms, now.Type) is null)
                Compare(changes, null, now);
        }
        changes.Sort((a, b) => string.CompareOrdinal(a.Field, b.Field));
        if (changes.Count > MaxChanges)
            changes.RemoveRange(MaxChanges, changes.Count - MaxChanges);
        return changes;
    }

    static void Compare(List<AuditChange> changes, string reading, double? old, double? now)
    {
        // As text "R" tells 0 from -0 and a missing reading from any value; equal bits give equal text.
        if (old.HasValue != now.HasValue || (old.HasValue && BitConverter.DoubleToInt64Bits(old.Value) != BitConverter.DoubleToInt64Bits(now!.Value)))
            changes.Add(Change($"readings.{reading}", old?.ToString("R", CultureInfo.InvariantCulture), now?.ToString("R", CultureInfo.InvariantCulture)));
    }

    static void Compare(List<AuditChange> changes, Alarm? old, Alarm? now)
    {
        var type = (old ?? now)!.Type;
        if (old?.Severity != now?.Severity)
            changes.Add(Change($"alarms.{type}.severity", Text(old?.Severity), Text(now?.Severity)));
        if (old?.State != now?.State)
            changes.Add(Change($"alarms.{type}.state", Text(old?.State), Text(now?.State)));
        if (old?.AcknowledgedBy != now?.AcknowledgedBy)
            changes.Add(Change($"alarms.{type}.acknowledgedBy", old?.AcknowledgedBy, now?.AcknowledgedBy));
    }

    static Alarm? Find(IReadOnlyList<Alarm> alarms, string type)
    {
        foreach (var alarm in alarms)
        {
            if (alarm.Type == type)
                return alarm;
        }
        return null;
    }

    static AuditChange Change(string field, string? old, string? now) => new(field, Short(old), Short(now));

    static string Text(bool value) => value ? "true" : "false";

    /// <summary>An enum as the API's JSON writes it (<see cref="ApiJson"/>): its name in camelCase.</summary>
    static string? Text<T>(T? value) where T : struct, Enum
        => value is { } known ? JsonNamingPolicy.CamelCase.ConvertName(known.ToString()) : null;

    static Dictionary<string, string?> Flatten(object? value)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is not null)
            Flatten(JsonSerializer.SerializeToNode(value, value.GetType(), s_text), "", fields);
        return fields;
    }

    static void Flatten(JsonNode? node, string path, Dictionary<string, string?> into)
    {
        // An object is its fields: an empty one has none, so readings {} → {temperature: 18} is one change, readings.temperature.
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
                Flatten(child, path.Length == 0 ? name : $"{path}.{name}", into);
            return;
        }
        into[path] = node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonValue v when v.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
            _ => node.ToJsonString(s_text),
        };
    }

    static string? Short(string? value) => value is { Length: > MaxValue } ? value[..MaxValue] + "…" : value;
}
