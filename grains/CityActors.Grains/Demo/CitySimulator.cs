using CityActors.Grains.Facilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Demo;

/// <summary>Sends the demo city's status traffic through the same grain call as the client API: <see cref="IFacilityGrain.ReportStatusAsync"/>.</summary>
public sealed partial class CitySimulator(IGrainFactory grains, IOptions<CityOptions> options, TimeProvider time, ILogger<CitySimulator> logger) : BackgroundService
{
    static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Simulator.Enabled)
            return;
        var city = DemoCityGenerator.Generate(settings.Demo.Seed);
        var scenario = new CityScenario(city, settings.Demo.Seed, settings.Simulator, time.GetUtcNow());
        LogStarted(logger, settings.Name, settings.Simulator.UpdatesPerSecond, city.Facilities.Count);
        using var timer = new PeriodicTimer(s_tick, time);
        var last = time.GetUtcNow();
        var carry = 0.0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            carry += settings.Simulator.UpdatesPerSecond * (now - last).TotalSeconds;
            last = now;
            var budget = (int)carry;
            carry -= budget;
            await SendAsync(scenario.Step(now, budget));
        }
    }

    async Task SendAsync(IReadOnlyList<(string Key, StatusUpdate Update)> updates)
    {
        try
        {
            await Task.WhenAll(updates.Select(u => grains.GetGrain<IFacilityGrain>(u.Key).ReportStatusAsync(u.Update)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A demo keeps going: the next heartbeat carries the same condition.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(LogLevel.Information, "Simulator for {City}: {UpdatesPerSecond} updates/s over {Facilities} facilities")]
    static partial void LogStarted(ILogger logger, string city, double updatesPerSecond, int facilities);

    [LoggerMessage(LogLevel.Warning, "Simulated status updates failed")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
