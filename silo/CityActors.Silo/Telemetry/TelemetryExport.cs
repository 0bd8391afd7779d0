using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityActors.Silo.Telemetry;

/// <summary>Holds the tracer and meter providers for the host's lifetime; stopping flushes what they still hold.</summary>
public sealed class TelemetryExport(TracerProvider? traces, MeterProvider? metrics) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        traces?.ForceFlush(5_000);
        metrics?.ForceFlush(5_000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        traces?.Dispose();
        metrics?.Dispose();
    }
}
