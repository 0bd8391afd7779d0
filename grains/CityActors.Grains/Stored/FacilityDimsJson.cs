using System.Text.Json;
using System.Text.Json.Serialization;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Stored;

/// <summary>Stores <see cref="FacilityDims"/> as one array: <c>[kind, district, department]</c>; the object form written before is still read.</summary>
internal sealed class FacilityDimsJson : JsonConverter<FacilityDims>
{
    public override void Write(Utf8JsonWriter writer, FacilityDims value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Kind);
        writer.WriteStringValue(value.District);
        writer.WriteStringValue(value.Department);
        writer.WriteEndArray();
    }

    public override FacilityDims Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (CompactJson.IsObjectForm(ref reader, "facility's dimensions"))
            return JsonSerializer.Deserialize<ObjectForm>(ref reader, options)!.ToDims();
        var dims = new FacilityDims(CompactJson.ReadString(ref reader), CompactJson.ReadString(ref reader), CompactJson.ReadString(ref reader));
        CompactJson.ReadEndArray(ref reader);
        return dims;
    }

    /// <summary>The form dimensions were stored in before: an object with a property per member.</summary>
    sealed record ObjectForm(string Kind, string District, string Department)
    {
        public FacilityDims ToDims() => new(Kind, District, Department);
    }
}
