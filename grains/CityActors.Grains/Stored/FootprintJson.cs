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
/// event: this is about a third of the object form with its property names. The object form is still read, so
/// journals written before stay readable.
/// </remarks>
internal sealed class FootprintJson : JsonConverter<Footprint>
{
    public override void Write(Utf8JsonWriter writer, Footprint value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Dims.Kind);
        writer.WriteStringValue(value.Dims.District);
        writer.WriteStringValue(value.Dims.Department);
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

    public override Footprint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (CompactJson.IsObjectForm(ref reader, "footprint"))
            return JsonSerializer.Deserialize<ObjectForm>(ref reader, options)!.ToFootprint();
        var dims = new FacilityDims(CompactJson.ReadString(ref reader), CompactJson.ReadString(ref reader), CompactJson.ReadString(ref reader));
        var status = CompactJson.ReadString(ref reader);
        var available = CompactJson.ReadBoolean(ref reader);
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
