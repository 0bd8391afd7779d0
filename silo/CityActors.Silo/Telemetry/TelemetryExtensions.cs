using CityActors.Runtime.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityActors.Silo.Telemetry;

/// <summary>OpenTelemetry export over OTLP, configured only by the standard <c>OTEL_*</c> environment variables.</summary>
public static class TelemetryExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not set one.</summary>
    public const string DefaultServiceName = "cityactors-silo";

    /// <summary>Spans besides HTTP requests: the runtime's grain calls and storage writes, outgoing HTTP, Npgsql's commands.</summary>
    static readonly string[] s_sources = [RuntimeTelemetry.Name, "System.Net.Http", "Npgsql"];

    /// <summary>Metrics: the runtime's, the city's, HTTP server, Kestrel, .NET runtime, Npgsql.</summary>
    static readonly string[] s_meters =
    [
        RuntimeTelemetry.Name, CityMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime", "Npgsql",
    ];

    /// <summary>
    /// Exports the signals <see cref="OtlpSettings"/> finds enabled; does nothing when no OTLP endpoint is set. Call
    /// before the silo is added, so the exporters start first and stop (flushing) after the silo.
    /// </summary>
    public static WebApplicationBuilder AddCityActorsTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = OtlpSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        if (!settings.Any)
            return builder;

        var resource = Resource();
        if (settings.Logs)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.SetResourceBuilder(resource);
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.AddOtlpExporter();
            });
        }
        builder.Services.AddSingleton(_ => new TelemetryExport(
            settings.Traces ? Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
                // ASP.NET Core's own activity is named Microsoft.AspNetCore.Hosting.HttpRequestIn and carries no HTTP
                // attributes; the instrumentation names it {method} {route} and adds them, as the conventions ask.
                .AddAspNetCoreInstrumentation().AddSource(s_sources).AddOtlpExporter().Build() : null,
            settings.Metrics ? Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(s_meters).AddOtlpExporter().Build() : null));
        builder.Services.AddHostedService(services => services.GetRequiredService<TelemetryExport>());
        if (settings.Metrics)
            builder.Services.AddHostedService<CityMetrics>();
        return builder;
    }

    static ResourceBuilder Resource()
    {
        // CreateDefault reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; only fill in what they leave out.
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            var version = typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString();
            resource.AddService(DefaultServiceName, serviceVersion: version, serviceInstanceId: Environment.MachineName);
        }
        return resource;
    }
}
