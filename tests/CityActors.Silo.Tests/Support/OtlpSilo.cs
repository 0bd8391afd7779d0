using System.Net.Http.Headers;
using System.Text;

namespace CityActors.Silo.Tests;

/// <summary>
/// One silo exporting to an <see cref="OtlpReceiver"/> over OTLP/HTTP, shared by the tests of one class: the demo city
/// with a slow simulator, so every kind of figure has something to show.
/// </summary>
public sealed class OtlpSilo : IAsyncLifetime
{
    public const string AdminKey = "otlp-test-admin-key-0123456789abcdef";
    public const string ServiceName = "cityactors-under-test";

    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cityactors-otel-");
    SiloProcess? _silo;

    public OtlpReceiver Receiver { get; } = new();

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__Sqlite__DataSource"] = Path.Combine(_folder.FullName, "city.db"),
            ["ClientApi__BootstrapAdminKey"] = AdminKey,
            ["City__Simulator__UpdatesPerSecond"] = "5",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        });
        (await Silo.Http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    /// <summary>Sends JSON with the admin key, and with <paramref name="traceParent"/> as the W3C <c>traceparent</c> when given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json, string? traceParent = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AdminKey);
        if (traceParent is not null)
            request.Headers.Add("traceparent", traceParent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return Silo.Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        Receiver.Dispose();
        _folder.Delete(recursive: true);
    }
}
