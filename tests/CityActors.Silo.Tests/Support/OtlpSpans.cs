namespace CityActors.Silo.Tests;

/// <summary>One span of an OTLP export, with the instrumentation scope that produced it and its attributes.</summary>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);
}

/// <summary>
/// Reads spans out of an OTLP <c>ExportTraceServiceRequest</c>: resource_spans (1) → scope_spans (2) → scope (1, name
/// 1) and spans (2: trace_id 1, span_id 2, parent_span_id 4, name 5, attributes 9).
/// </summary>
public static class OtlpSpans
{
    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Protobuf.Fields(request, 1))
        {
            foreach (var scopeSpans in Protobuf.Fields(resourceSpans, 2))
            {
                var scope = Protobuf.Fields(scopeSpans, 1).Select(s => Protobuf.Text(Protobuf.Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                foreach (var span in Protobuf.Fields(scopeSpans, 2))
                {
                    yield return new OtlpSpan(
                        scope,
                        Protobuf.Text(Protobuf.Fields(span, 5).FirstOrDefault()),
                        Convert.ToHexString(Protobuf.Fields(span, 1).FirstOrDefault() ?? []),
                        Convert.ToHexString(Protobuf.Fields(span, 2).FirstOrDefault() ?? []),
                        Convert.ToHexString(Protobuf.Fields(span, 4).FirstOrDefault() ?? []),
                        Protobuf.Attributes(Protobuf.Fields(span, 9)));
                }
            }
        }
    }
}
