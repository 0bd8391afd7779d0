using System.Text;

namespace CityActors.Silo.Tests;

/// <summary>The silo exports traces, metrics and logs over OTLP/HTTP to the endpoint the standard variables name.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Silo_WithOtlpEndpoint_ExportsLinkedSpansMetricsAndLogs()
    {
        using var receiver = new OtlpReceiver();
        var folder = Directory.CreateTempSubdirectory("cityactors-otel-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "cityactors-under-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            });
            (await silo.Http.GetAsync("/health/ready")).EnsureSuccessStatusCode();

            List<OtlpSpan> spans = [];
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                spans = [.. receiver.Bodies("/v1/traces").SelectMany(OtlpSpans.Read)];
                var exported = receiver.Bodies("/v1/metrics");
                if (HasStorageWriteUnderGrainCall(spans) && spans.Any(s => s.Scope == "Microsoft.AspNetCore")
                    && Contains(exported, "cityactors.city.facilities") && Contains(exported, "http.server.request.duration")
                    && receiver.Bodies("/v1/logs").Count > 0)
                    break;
                await Task.Delay(250);
            }

            Assert.True(HasStorageWriteUnderGrainCall(spans), $"no storage write under a grain call among {spans.Count} spans");
            Assert.Contains(spans, s => s.Scope == "Microsoft.AspNetCore");
            var metrics = receiver.Bodies("/v1/metrics");
            Assert.True(Contains(metrics, "cityactors.grain.calls"), "grain call counter exported");
            Assert.True(Contains(metrics, "cityactors.storage.batch.duration"), "storage batch histogram exported");
            Assert.True(Contains(metrics, "cityactors.city.facilities"), "city gauges exported");
            Assert.True(Contains(metrics, "http.server.request.duration"), "HTTP server metric exported");
            Assert.True(Contains(receiver.Bodies("/v1/logs"), "cityactors-under-test"), "logs carry the service name");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Silo_SdkDisabled_ExportsNothingEvenWithAnEndpoint()
    {
        using var receiver = new OtlpReceiver();
        var folder = Directory.CreateTempSubdirectory("cityactors-otel-off-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_SDK_DISABLED"] = "true",
            });
            (await silo.Http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
            await Task.Delay(2000);

            Assert.Empty(receiver.Bodies("/v1/traces"));
            Assert.Empty(receiver.Bodies("/v1/metrics"));
            Assert.Empty(receiver.Bodies("/v1/logs"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A storage write span whose parent is a grain call span of the same trace: grain call → storage.</summary>
    static bool HasStorageWriteUnderGrainCall(List<OtlpSpan> spans)
    {
        var calls = spans.Where(s => s.Scope == "CityActors.Runtime" && s.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(s => (s.TraceId, s.SpanId)).ToHashSet();
        return spans.Any(s => s.Name == "storage write" && calls.Contains((s.TraceId, s.ParentSpanId)));
    }

    static bool Contains(IReadOnlyList<byte[]> bodies, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return bodies.Any(b => b.AsSpan().IndexOf(needle) >= 0);
    }
}
