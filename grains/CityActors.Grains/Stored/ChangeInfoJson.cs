using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityActors.Grains.Stored;

/// <summary>Stores a <see cref="ChangeInfo"/> as one array: <c>[source, id, by, reason, observedAt, receivedAt]</c>.</summary>
/// <remarks>
/// Every event carries one. <c>by</c> is null when it is the source (as for a department's own client), and the
/// instants are UTC ticks. The object form written before is still read.
/// </remarks>
internal sealed class ChangeInfoJson : JsonConverter<ChangeInfo>
{
    public override void Write(Utf8JsonWriter writer, ChangeInfo value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Source);
        writer.WriteStringValue(value.Id);
        if (value.By == value.Source)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value.By);
        writer.WriteStringValue(value.Reason);
        CompactJson.WriteTime(writer, value.ObservedAt);
        CompactJson.WriteTime(writer, value.ReceivedAt);
        writer.WriteEndArray();
    }

    public override ChangeInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (CompactJson.IsObjectForm(ref reader, "change"))
            return JsonSerializer.Deserialize<ObjectForm>(ref reader, options)!.ToChangeInfo();
        var source = CompactJson.ReadString(ref reader);
        var id = CompactJson.ReadString(ref reader);
        var by = CompactJson.ReadNullableString(ref reader) ?? source;
        var reason = CompactJson.ReadNullableString(ref reader);
        var observedAt = CompactJson.ReadTime(ref reader);
        var receivedAt = CompactJson.ReadTime(ref reader);
        CompactJson.ReadEndArray(ref reader);
        return new ChangeInfo(source, id, by, reason, observedAt, receivedAt);
    }

    /// <summary>The form changes were stored in before: an object with a property per member.</summary>
    sealed record ObjectForm(string Source, string Id, string By, string? Reason, DateTimeOffset ObservedAt, DateTimeOffset ReceivedAt)
    {
        public ChangeInfo ToChangeInfo() => new(Source, Id, By, Reason, ObservedAt, ReceivedAt);
    }
}
