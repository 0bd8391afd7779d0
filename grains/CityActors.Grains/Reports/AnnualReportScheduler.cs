using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace CityActors.Grains.Reports;

/// <summary>At silo start, makes sure the reports of the running year and of the year before have their reminders.</summary>
/// <remarks>
/// The reminders are durable, so this only matters the first time a city runs, and after a year whose report was
/// never scheduled; scheduling one that is done or already scheduled changes nothing.
/// </remarks>
public sealed class AnnualReportScheduler(IGrainFactory grains, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var year = KyivCalendar.YearOf(time.GetUtcNow());
        foreach (var scheduled in new[] { year - 1, year })
            await grains.GetGrain<IAnnualReportGrain>(scheduled.ToString(CultureInfo.InvariantCulture)).ScheduleAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
