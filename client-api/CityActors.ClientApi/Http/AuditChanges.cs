using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>What a status update or an alarm action can change of a facility: status, readings, availability, alarms.</summary>
    public static object Live(FacilitySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new
        {
            snapshot.Status,
            Readings = snapshot.Readings.ToDictionary(r => r.Key, r => r.Value.Value, StringComparer.Ordinal),
            snapshot.Available,
            snapshot.Offline,
            Alarms = snapshot.Alarms.ToDictionary(a => a.Type, a => new { a.Severity, a.State, a.AcknowledgedBy }, StringComparer.Ordinal),
        };
    }

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
