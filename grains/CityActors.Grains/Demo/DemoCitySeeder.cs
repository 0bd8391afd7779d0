using CityActors.Grains.Departments;
using CityActors.Grains.Facilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Demo;

/// <summary>Registers the demo city at start, when <c>City:Demo:Enabled</c>; a second start changes nothing.</summary>
/// <remarks>It is a hosted service that completes its start before the next one starts, so the simulator finds the city registered.</remarks>
public sealed partial class DemoCitySeeder(IGrainFactory grains, IOptions<CityOptions> options, TimeProvider time, ILogger<DemoCitySeeder> logger) : IHostedService
{
    public const string Source = "urn:cityactors:demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo.Enabled)
            return;
        var city = DemoCityGenerator.Generate(options.Value.Demo.Seed);
        await SeedAsync(grains, city, time.GetUtcNow(), cancellationToken);
        LogSeeded(logger, options.Value.Name, city.Facilities.Count, city.Departments.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers departments and facilities; facilities are registered as of the start of the current year.</summary>
    public static async Task SeedAsync(IGrainFactory grains, DemoCity city, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(city);
        foreach (var department in city.Departments)
            await grains.GetGrain<IDepartmentGrain>(department.Key).RegisterAsync(department.Registration, new ChangeContext(Source, $"department:{department.Key}", "demo"));
        var asOf = KyivCalendar.StartOf(KyivCalendar.YearOf(now));
        foreach (var chunk in city.Facilities.Chunk(64))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAll(chunk.Select(f => grains.GetGrain<IFacilityGrain>(f.Key)
                .RegisterAsync(f.Registration, new ChangeContext(Source, $"facility:{f.Key}", "demo", "demo city", asOf))));
        }
    }

    [LoggerMessage(LogLevel.Information, "Demo city {City}: {Facilities} facilities and {Departments} departments registered")]
    static partial void LogSeeded(ILogger logger, string city, int facilities, int departments);
}
