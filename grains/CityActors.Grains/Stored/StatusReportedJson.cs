using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Stored;

/// <summary>
/// Stores a <see cref="StatusReported"/>, most of what a city's journal holds, as the object the serializer would
/// write, written directly, with footprints that leave out the dimensions the event holds once.
/// </summary>
/// <remarks>
/// A report never moves a facility's kind, district or department, so both footprints have the event's own
/// <c>Dims</c>; they are stored as the short array <c>[status, available, offline, critical, warning, info,
/// availableSince, memberSince]</c> (see <see cref="FootprintJson"/>), and a footprint with other dimensions keeps the
/// full one. That is about a fifth less per event, and writing it here spares the serializer's reflection over the
/// record. Every form written before (full footprint arrays, object forms, properties in any order) is still read; a
/// short footprint needs <c>Dims</c> before it, as this writes them.
/// </remarks>
internal sealed class StatusReportedJson : JsonConverter<StatusReported>
{
    static readonly JsonEncodedText s_status = JsonEncodedText.Encode(nameof(StatusReported.Status));
    static readonly JsonEncodedText s_statusAvailable = JsonEncodedText.Encode(nameof(StatusReported.StatusAvailable));
    static readonly JsonEncodedText s_readings = JsonEncodedText.Encode(nameof(StatusReported.Readings));
    static readonly JsonEncodedText s_late = JsonEncodedText.Encode(nameof(StatusReported.Late));
    static readonly JsonEncodedText s_dims = JsonEncodedText.Encode(nameof(StatusReported.Dims));
    static readonly JsonEncodedText s_before = JsonEncodedText.Encode(nameof(StatusReported.Before));
    static readonly JsonEncodedText s_after = JsonEncodedText.Encode(nameof(StatusReported.After));
    static readonly JsonEncodedText s_subject = JsonEncodedText.Encode(nameof(StatusReported.Subject));
    static readonly JsonEncodedText s_change = JsonEncodedText.Encode(nameof(StatusReported.Change));
    // In the order they are written, which is the order Property finds them in.
    static readonly JsonEncodedText[] s_properties = [s_status, s_statusAvailable, s_readings, s_late, s_dims, s_before, s_after, s_subject, s_change];
    static readonly IReadOnlyDictionary<string, double> s_noReadings = new Dictionary<string, double>();

    static readonly ReadingsJson s_readingsJson = new();
    static readonly FacilityDimsJson s_dimsJson = new();
    static readonly ChangeInfoJson s_changeJson = new();

    public override void Write(Utf8JsonWriter writer, StatusReported value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(s_status, value.Status);
        writer.WriteBoolean(s_statusAvailable, value.StatusAvailable);
        writer.WritePropertyName(s_readings);
        s_readingsJson.Write(writer, value.Readings, options);
        writer.WriteBoolean(s_late, value.Late);
        writer.WritePropertyName(s_dims);
        if (value.Dims is { } dims)
            s_dimsJson.Write(writer, dims, options);
        else
            writer.WriteNullValue();
        WriteFootprint(writer, s_before, value.Before, value.Dims);
        WriteFootprint(writer, s_after, value.After, value.Dims);
        writer.WriteString(s_subject, value.Subject);
        writer.WritePropertyName(s_change);
        s_changeJson.Write(writer, value.Change, options);
        writer.WriteEndObject();
    }

    static void WriteFootprint(Utf8JsonWriter writer, JsonEncodedText name, Footprint? footprint, FacilityDims? dims)
    {
        writer.WritePropertyName(name);
        if (footprint is null)
            writer.WriteNullValue();
        else
            FootprintJson.WriteArray(writer, footprint, withDims: footprint.Dims != dims);
    }

    public override StatusReported Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"A stored status report is an object, not {reader.TokenType}.");
        string? status = null, subject = null;
        bool statusAvailable = false, late = false;
        IReadOnlyDictionary<string, double>? readings = null;
        FacilityDims? dims = null;
        Footprint? before = null, after = null;
        ChangeInfo? change = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                throw new JsonException($"Expected a property of a stored status report, found {reader.TokenType}.");
            var property = Property(ref reader);
            var isNull = Next(ref reader) == JsonTokenType.Null;
            switch (property)
            {
                case 0: status = reader.GetString(); break;
                case 1: statusAvailable = reader.GetBoolean(); break;
                case 2: readings = isNull ? null : s_readingsJson.Read(ref reader, typeof(IReadOnlyDictionary<string, double>), options); break;
                case 3: late = reader.GetBoolean(); break;
                case 4: dims = isNull ? null : s_dimsJson.Read(ref reader, typeof(FacilityDims), options); break;
                case 5: before = isNull ? null : FootprintJson.ReadAny(ref reader, dims, options); break;
                case 6: after = isNull ? null : FootprintJson.ReadAny(ref reader, dims, options); break;
                case 7: subject = reader.GetString(); break;
                case 8: change = isNull ? null : s_changeJson.Read(ref reader, typeof(ChangeInfo), options); break;
                default: reader.Skip(); break;
            }
        }
        return new StatusReported(
            status ?? throw Missing(nameof(StatusReported.Status)), statusAvailable, readings ?? s_noReadings, late)
        {
            Subject = subject ?? throw Missing(nameof(StatusReported.Subject)),
            Change = change ?? throw Missing(nameof(StatusReported.Change)),
            Dims = dims,
            Before = before,
            After = after,
        };
    }

    /// <summary>The index of the property name at the reader in <see cref="s_properties"/>; -1 for one this does not know.</summary>
    static int Property(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < s_properties.Length; i++)
        {
            if (reader.ValueTextEquals(s_properties[i].EncodedUtf8Bytes))
                return i;
        }
        return -1;
    }

    static JsonTokenType Next(ref Utf8JsonReader reader)
        => reader.Read() ? reader.TokenType : throw new JsonException("A stored status report ends too early.");

    static JsonException Missing(string property) => new($"A stored status report has no {property}.");
}
