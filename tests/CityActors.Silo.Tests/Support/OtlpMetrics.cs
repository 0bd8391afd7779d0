namespace CityActors.Silo.Tests;

/// <summary>How a metric reached the collector, which decides its name in Prometheus.</summary>
public enum OtlpMetricType { Gauge, Counter, UpDownCounter, Histogram, ExponentialHistogram, Summary }

/// <summary>One metric of an OTLP export: its name, unit, type and the attributes of each data point.</summary>
public sealed record OtlpMetric(string Scope, string Name, string Unit, OtlpMetricType Type, IReadOnlyList<IReadOnlyDictionary<string, string>> Points)
{
    /// <summary>
    /// The names Prometheus gives it when it arrives over OTLP (what Grafana's queries use): dots become underscores,
    /// the unit is appended as a word (<c>s</c> → <c>seconds</c>, <c>ms</c> → <c>milliseconds</c>, <c>By</c> → <c>bytes</c>;
    /// an annotation such as <c>{call}</c> adds nothing), a counter ends in <c>_total</c>, a histogram is its
    /// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.
    /// </summary>
    public IEnumerable<string> PrometheusNames()
    {
        var name = Name.Replace('.', '_');
        var unit = Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" when Type == OtlpMetricType.Gauge => "ratio",
            _ when Unit.StartsWith('{') || Unit.Length == 0 || Unit == "1" => "",
            _ => Unit,
        };
        if (unit.Length > 0 && !name.EndsWith($"_{unit}", StringComparison.Ordinal))
            name = $"{name}_{unit}";
        return Type switch
        {
            OtlpMetricType.Counter => [$"{name}_total"],
            OtlpMetricType.Histogram => [$"{name}_bucket", $"{name}_sum", $"{name}_count"],
            _ => [name],
        };
    }
}

/// <summary>
/// Reads metrics out of an OTLP <c>ExportMetricsServiceRequest</c>: resource_metrics (1) → scope_metrics (2) → scope (1,
/// name 1) and metrics (2: name 1, unit 3, gauge 5, sum 7 with is_monotonic 3, histogram 9, exponential histogram 10,
/// summary 11); data points (1) carry attributes in 7 (number), 9 (histogram) or 1 (exponential histogram).
/// </summary>
public static class OtlpMetrics
{
    public static IEnumerable<OtlpMetric> Read(byte[] request)
    {
        foreach (var resourceMetrics in Protobuf.Fields(request, 1))
        {
            foreach (var scopeMetrics in Protobuf.Fields(resourceMetrics, 2))
            {
                var scope = Protobuf.Fields(scopeMetrics, 1).Select(s => Protobuf.Text(Protobuf.Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                foreach (var metric in Protobuf.Fields(scopeMetrics, 2))
                {
                    var (type, data, attributesField) = Protobuf.Fields(metric, 5).FirstOrDefault() is { } gauge ? (OtlpMetricType.Gauge, gauge, 7)
                        : Protobuf.Fields(metric, 7).FirstOrDefault() is { } sum ? (Protobuf.Varint(sum, 3) == 1 ? OtlpMetricType.Counter : OtlpMetricType.UpDownCounter, sum, 7)
                        : Protobuf.Fields(metric, 9).FirstOrDefault() is { } histogram ? (OtlpMetricType.Histogram, histogram, 9)
                        : Protobuf.Fields(metric, 10).FirstOrDefault() is { } exponential ? (OtlpMetricType.ExponentialHistogram, exponential, 1)
                        : (OtlpMetricType.Summary, Protobuf.Fields(metric, 11).FirstOrDefault() ?? [], 7);
                    yield return new OtlpMetric(
                        scope,
                        Protobuf.Text(Protobuf.Fields(metric, 1).FirstOrDefault()),
                        Protobuf.Text(Protobuf.Fields(metric, 3).FirstOrDefault()),
                        type,
                        [.. Protobuf.Fields(data, 1).Select(point => Protobuf.Attributes(Protobuf.Fields(point, attributesField)))]);
                }
            }
        }
    }
}
