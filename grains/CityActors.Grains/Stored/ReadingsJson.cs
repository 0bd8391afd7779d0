using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityActors.Grains.Stored;

/// <summary>Stores a report's readings as the object <c>{"name": value, …}</c> the serializer would write, written directly.</summary>
/// <remarks>
/// The form is the serializer's; <see cref="StatusReportedJson"/> calls this for the readings of every status report,
/// with no serializer frame for the dictionary.
/// </remarks>
internal sealed class ReadingsJson : JsonConverter<IReadOnlyDictionary<string, double>>
{
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, reading) in value)
            writer.WriteNumber(name, reading);
        writer.WriteEndObject();
    }

    public override IReadOnlyDictionary<string, double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Stored readings are an object, not {reader.TokenType}.");
        var readings = new Dictionary<string, double>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
                throw new JsonException($"Stored reading '{name}' is not a number.");
            readings[name] = reader.GetDouble();
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new JsonException("Stored readings end too early.");
        return readings;
    }
}
