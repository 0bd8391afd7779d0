using System.Diagnostics.Metrics;
using CityActors.Grains;
using CityActors.Grains.Aggregation;
using CityActors.Runtime;
using Microsoft.Extensions.Options;

namespace CityActors.Silo.Telemetry;

/// <summary>
/// The city's figures as OpenTelemetry gauges: facilities by kind and status, available and offline facilities, active
/// alarms by severity. They are read from the city aggregate's rollup, fetched every <see cref="Period"/>, so a metrics
/// collection never waits on a grain. Updates per second are the count of the runtime's <c>rpc.server.duration</c> with
/// <c>rpc.method = ReportStatusAsync</c>.
/// </summary>
public sealed class CityMetrics : BackgroundService
{
    public const string MeterName = "CityActors.City";
    static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    readonly IGrainFactory _grains;
    readonly string _city;
    readonly TimeProvider _time;
    readonly ILogger<CityMetrics> _logger;
    readonly IHostApplicationLifetime _lifetime;
    readonly Meter _meter = new(MeterName);
    volatile CityRollup? _rollup;

    public CityMetrics(IGrainFactory grains, IOptions<CityOptions> city, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<CityMetrics> logger)
    {
        _lifetime = lifetime;
        _grains = grains;
        _city = city.Value.Name;
        _time = time;
        _logger = logger;
        _meter.CreateObservableGauge("cityactors.city.facilities", ByKindAndStatus, "{facility}", "Facilities by kind and status");
        _meter.CreateObservableGauge("cityactors.city.facilities.available", () => Total(r => r.Total.Available), "{facility}", "Facilities available");
        _meter.CreateObservableGauge("cityactors.city.facilities.offline", () => Total(r => r.Total.Offline), "{facility}", "Facilities silent past their kind's offline limit");
        _meter.CreateObservableGauge("cityactors.city.alarms.active", BySeverity, "{alarm}", "Active alarms by severity");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The exporters start before the silo; the aggregate can be asked once every hosted service has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task.ConfigureAwait(false);
        using var timer = new PeriodicTimer(Period, _time);
        do
        {
            try
            {
                _rollup = await _grains.GetGrain<ICityAggregateGrain>(_city).GetRollupAsync();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The last rollup stays; the gauges show it until the aggregate answers again.
                _logger.LogWarning(exception, "Could not read the city rollup for metrics");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    IEnumerable<Measurement<int>> ByKindAndStatus()
        => _rollup is { } rollup
            ? rollup.KindStatus.Select(k => new Measurement<int>(k.Count, new("facility.kind", k.Kind), new("facility.status", k.Status)))
            : [];

    IEnumerable<Measurement<int>> Total(Func<CityRollup, int> figure)
        => _rollup is { } rollup ? [new Measurement<int>(figure(rollup))] : [];

    IEnumerable<Measurement<int>> BySeverity()
    {
        if (_rollup is not { } rollup)
            yield break;
        yield return new Measurement<int>(rollup.Alarms.Critical, new KeyValuePair<string, object?>("alarm.severity", "critical"));
        yield return new Measurement<int>(rollup.Alarms.Warning, new KeyValuePair<string, object?>("alarm.severity", "warning"));
        yield return new Measurement<int>(rollup.Alarms.Info, new KeyValuePair<string, object?>("alarm.severity", "info"));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
