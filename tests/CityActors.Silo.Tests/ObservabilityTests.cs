using System.Net;
using System.Text;
using System.Text.Json;

namespace CityActors.Silo.Tests;

/// <summary>The silo exports traces, metrics and logs over OTLP/HTTP to the endpoint the standard variables name.</summary>
public sealed class ObservabilityTests(OtlpSilo otlp) : IClassFixture<OtlpSilo>
{
    const string FacilityService = "CityActors.Grains.Facilities.IFacilityGrain";

    /// <summary>Labels Prometheus adds or derives itself: the service as <c>job</c> and <c>instance</c>, a bucket's bound <c>le</c>.</summary>
    static readonly string[] s_prometheusLabels = ["job", "instance", "le"];

    [Fact]
    public async Task StatusUpdateOverHttp_WithOtlpEndpoint_TracesHttpThenGrainCallThenStorageWrite()
    {
        var key = $"trace-school-{Guid.NewGuid():N}"[..24];
        (await otlp.SendAsync(HttpMethod.Put, $"/api/v1/facilities/{key}", SchoolJson)).EnsureSuccessStatusCode();
        var traceId = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        var clientSpanId = Convert.ToHexString(Guid.NewGuid().ToByteArray()[..8]).ToLowerInvariant();

        using var response = await otlp.SendAsync(HttpMethod.Post, $"/api/v1/facilities/{key}/status",
            """{"status":"open","readings":{"temperature":19.5}}""", $"00-{traceId}-{clientSpanId}-01");
        var trace = await EventuallyAsync(() => Trace(traceId), spans => StorageWriteOf(spans) is not null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var http = Assert.Single(trace, s => s.Scope == "Microsoft.AspNetCore");
        Assert.Equal(clientSpanId, http.ParentSpanId, ignoreCase: true);
        Assert.Equal("POST /api/v1/facilities/{key}/status", http.Name);
        Assert.Equal("POST", http.Attribute("http.request.method"));
        Assert.Equal("/api/v1/facilities/{key}/status", http.Attribute("http.route"));
        Assert.Equal("200", http.Attribute("http.response.status_code"));
        var call = Assert.Single(trace, s => s.Name == $"{FacilityService}/ReportStatusAsync");
        Assert.Equal(http.SpanId, call.ParentSpanId);
        Assert.Equal("cityactors", call.Attribute("rpc.system"));
        Assert.Equal(FacilityService, call.Attribute("rpc.service"));
        Assert.Equal("ReportStatusAsync", call.Attribute("rpc.method"));
        var write = StorageWriteOf(trace)!;
        Assert.Equal(call.SpanId, write.ParentSpanId);
        Assert.Equal("sqlite", write.Attribute("db.system.name"));
        Assert.Equal("append", write.Attribute("db.operation.name"));
        Assert.Equal("events", write.Attribute("db.collection.name"));
        Assert.All(trace, s => Assert.Equal(traceId, s.TraceId, ignoreCase: true));
    }

    [Fact]
    public async Task Silo_WithOtlpEndpoint_ExportsConventionalMetricsAndLogs()
    {
        var metrics = await EventuallyAsync(Metrics, m => m.Any(x => x.Name == "cityactors.city.facilities" && x.Points.Count > 0)
            && m.Any(x => x.Name == "db.client.operation.duration") && m.Any(x => x.Name == "http.server.request.duration"));

        var calls = metrics.Where(m => m.Name == "rpc.server.duration").ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, m => Assert.Equal(("ms", OtlpMetricType.Histogram), (m.Unit, m.Type)));
        Assert.Contains(calls.SelectMany(m => m.Points),
            p => p.GetValueOrDefault("rpc.service") == FacilityService && p.GetValueOrDefault("rpc.method") == "ReportStatusAsync" && p.GetValueOrDefault("rpc.system") == "cityactors");
        var commits = metrics.First(m => m.Name == "db.client.operation.duration");
        Assert.Equal("s", commits.Unit);
        Assert.Contains(commits.Points, p => p.GetValueOrDefault("db.system.name") == "sqlite");
        Assert.Contains(metrics, m => m.Name == "cityactors.grain.activations" && m.Type == OtlpMetricType.UpDownCounter);
        Assert.Contains(metrics, m => m.Name == "cityactors.stream.lag" && m.Type == OtlpMetricType.Gauge);
        Assert.True(Contains(otlp.Receiver.Bodies("/v1/logs"), OtlpSilo.ServiceName), "logs carry the service name");
    }

    [Fact]
    public async Task GrafanaDashboards_QueryOnlyMetricsAndLabelsTheSiloExports()
    {
        // A refused update fails its grain call, so the failure label (error.type) is exported too.
        using var refused = await otlp.SendAsync(HttpMethod.Post, "/api/v1/facilities/school-001/status", """{"status":"open","readings":{"temperature":999}}""");
        var metrics = await EventuallyAsync(Metrics, m => m.Any(x => x.Name == "cityactors.city.alarms.active" && x.Points.Count > 0)
            && m.Any(x => x.Name == "rpc.server.duration" && x.Points.Any(p => p.ContainsKey("error.type"))));
        var exported = metrics.SelectMany(m => m.PrometheusNames().Select(name => (Name: name, Metric: m)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.Metric.Points).ToList(), StringComparer.Ordinal);
        var queries = DashboardQueries().ToList();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotEmpty(queries);
        foreach (var (dashboard, panel, query) in queries)
        {
            var where = $"{dashboard} / \"{panel}\": {query.Expression}";
            Assert.True(query.Metrics.Count > 0, $"{where} reads no metric");
            foreach (var metric in query.Metrics)
            {
                Assert.True(exported.ContainsKey(metric), $"{where} reads {metric}, which the silo does not export (it exports {string.Join(", ", exported.Keys.Order(StringComparer.Ordinal))})");
                var labels = exported[metric].SelectMany(p => p.Keys).Select(k => k.Replace('.', '_')).Concat(s_prometheusLabels).ToHashSet(StringComparer.Ordinal);
                foreach (var label in query.Labels)
                    Assert.True(labels.Contains(label), $"{where} uses label {label}, which {metric} does not carry (it carries {string.Join(", ", labels.Order(StringComparer.Ordinal))})");
                foreach (var matcher in query.Matchers.Where(m => m.Operator == "=" && m.Value.Length > 0))
                {
                    Assert.True(exported[metric].Any(p => p.Any(a => a.Key.Replace('.', '_') == matcher.Label && a.Value == matcher.Value)),
                        $"{where} matches {matcher.Label}=\"{matcher.Value}\", a value {metric} never carries");
                }
            }
        }
    }

    const string SchoolJson = """
        {"kind":"school","name":"Ліцей № 99","address":"вул. Велика Бердичівська, 40","district":"Корольовський","department":"education",
         "location":{"latitude":50.2547,"longitude":28.6587},"locationPublic":true,"capacity":1100}
        """;

    static IEnumerable<(string Dashboard, string Panel, PromQuery Query)> DashboardQueries()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "deploy", "grafana", "dashboards"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            {
                if (!panel.TryGetProperty("targets", out var targets))
                    continue;
                foreach (var target in targets.EnumerateArray())
                    yield return (Path.GetFileName(file), panel.GetProperty("title").GetString()!, PromQuery.Parse(target.GetProperty("expr").GetString()!));
            }
        }
    }

    List<OtlpSpan> Trace(string traceId)
        => [.. otlp.Receiver.Bodies("/v1/traces").SelectMany(OtlpSpans.Read).Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase))];

    List<OtlpMetric> Metrics() => [.. otlp.Receiver.Bodies("/v1/metrics").SelectMany(OtlpMetrics.Read)];

    static OtlpSpan? StorageWriteOf(List<OtlpSpan> trace)
        => trace.FirstOrDefault(s => s.Scope == "CityActors.Runtime" && s.Name == "append events");

    static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            value = read();
        }
        return value;
    }

    static bool Contains(IReadOnlyList<byte[]> bodies, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return bodies.Any(b => b.AsSpan().IndexOf(needle) >= 0);
    }
}
