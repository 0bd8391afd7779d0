namespace CityActors.Silo.Tests;

/// <summary>The standard switches turn OpenTelemetry export off.</summary>
public sealed class TelemetryOffTests
{
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
}
