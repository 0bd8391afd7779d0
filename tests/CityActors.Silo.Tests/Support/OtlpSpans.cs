namespace CityActors.Silo.Tests;

/// <summary>One span of an OTLP export, with the instrumentation scope that produced it.</summary>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);

/// <summary>
/// Reads spans out of an OTLP <c>ExportTraceServiceRequest</c> in protobuf wire format: resource_spans (1) →
/// scope_spans (2) → scope (1, name 1) and spans (2: trace_id 1, span_id 2, parent_span_id 4, name 5).
/// </summary>
public static class OtlpSpans
{
    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return new OtlpSpan(
                        scope,
                        Text(Fields(span, 5).FirstOrDefault()),
                        Convert.ToHexString(Fields(span, 1).FirstOrDefault() ?? []),
                        Convert.ToHexString(Fields(span, 2).FirstOrDefault() ?? []),
                        Convert.ToHexString(Fields(span, 4).FirstOrDefault() ?? []));
                }
            }
        }
    }

    static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message; other fields are skipped.</summary>
    static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    if (field == number)
                        found.Add(message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type in key {key} at byte {position}.");
            }
        }
        return found;
    }

    static ulong Varint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }
}
