using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Stored;

/// <summary>
/// Stores a <see cref="Footprint"/> as one array: <c>[kind, district, department, status, available, offline,
/// critical, warning, info, availableSince, memberSince]</c>.
/// </summary>
/// <remarks>
/// Nearly every facility event carries two footprints, so their form decides much of what the journal writes per
/// event: this is about a third of the object form with its property names. A status report stores its footprints
/// without the dimensions it holds once (see <see cref="StatusReportedJson"/>). The object form is still read, so
/// journals written before stay readable.
/// </remarks>
internal sealed class FootprintJson : JsonConverter<Footprint>
{
    public override void Write(Utf8JsonWriter writer, Footprint value, JsonSerializerOptions options) => WriteArray(writer, value, withDims: true);

    public override Footprint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadAny(ref reader, null, options);

    /// <summary>Writes the array form; without the first three elements when the dimensions are stored once beside it.</summary>
    public static void WriteArray(Utf8JsonWriter writer, Footprint value, bool withDims)
    {
        writer.WriteStartArray();
        if (withDims)
        {
            writer.WriteStringValue(value.Dims.Kind);
            writer.WriteStringValue(value.Dims.District);
            writer.WriteStringValue(value.Dims.Department);
        }
        writer.WriteStringValue(value.Status);
        writer.WriteBooleanValue(value.Available);
        writer.WriteBooleanValue(value.Offline);
        writer.WriteNumberValue(value.Alarms.Critical);
        writer.WriteNumberValue(value.Alarms.Warning);
        writer.WriteNumberValue(value.Alarms.Info);
        CompactJson.WriteTime(writer, value.AvailableSince);
        CompactJson.WriteTime(writer, value.MemberSince);
        writer.WriteEndArray();
    }

    /// <summary>Reads any stored form: the object, the full array, or the short array, which takes <paramref name="dims"/>.</summary>
    public static Footprint ReadAny(ref Utf8JsonReader reader, FacilityDims? dims, JsonSerializerOptions options)
    {
        if (CompactJson.IsObjectForm(ref reader, "footprint"))
            return JsonSerializer.Deserialize<ObjectForm>(ref reader, options)!.ToFootprint();
        var first = CompactJson.ReadString(ref reader);
        // The full form goes on with the district; the short one, which starts at the status, with a boolean.
        if (!reader.Read())
            throw new JsonException("The stored value ends too early.");
        string status;
        bool available;
        if (reader.TokenType == JsonTokenType.String)
        {
            dims = new FacilityDims(first, reader.GetString()!, CompactJson.ReadString(ref reader));
            status = CompactJson.ReadString(ref reader);
            available = CompactJson.ReadBoolean(ref reader);
        }
        else if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            status = first;
            available = reader.GetBoolean();
            if (dims is null)
                throw new JsonException("A stored footprint without dimensions is read only inside an event that has them.");
        }
        else
        {
            throw new JsonException($"Expected the district or whether the facility is available in a stored footprint, found {reader.TokenType}.");
        }
        var offline = CompactJson.ReadBoolean(ref reader);
        var alarms = new AlarmCounts(CompactJson.ReadInt32(ref reader), CompactJson.ReadInt32(ref reader), CompactJson.ReadInt32(ref reader));
        var availableSince = CompactJson.ReadTime(ref reader);
        var memberSince = CompactJson.ReadTime(ref reader);
        CompactJson.ReadEndArray(ref reader);
        return new Footprint(dims, status, available, offline, alarms, availableSince, memberSince);
    }

    /// <summary>The form footprints were stored in before: an object with a property per member.</summary>
    sealed record ObjectForm(FacilityDims Dims, string Status, bool Available, bool Offline, AlarmCounts Alarms, DateTimeOffset AvailableSince, DateTimeOffset MemberSince)
    {
        public Footprint ToFootprint() => new(Dims, Status, Available, Offline, Alarms, AvailableSince, MemberSince);
    }
}
