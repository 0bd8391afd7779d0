using CityActors.Grains.Concept;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Imports;

/// <summary>Imports the shipped 2025 Concept report at the first start, when <c>City:Concept:ImportAtStart</c>.</summary>
/// <remarks>
/// Only when the city has no imported report yet: a later edition imported by a planner must not be overwritten by
/// the 2025 one at the next start.
/// </remarks>
public sealed partial class ConceptSeeder(IGrainFactory grains, IOptions<CityOptions> options, ILogger<ConceptSeeder> logger) : IHostedService
{
    /// <summary>Who the seeded changes are recorded as.</summary>
    public const string By = "cityactors (first start)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var city = options.Value.Name;
        if (!options.Value.Concept.ImportAtStart)
            return;
        if ((await grains.GetGrain<IConceptGrain>(city).GetImportsAsync()).Count > 0)
        {
            LogAlreadyImported(logger, city);
            return;
        }
        var content = ConceptReports.Read(ConceptReports.Zhytomyr2025);
        var result = await grains.GetGrain<IImportGrain>(city).ImportConceptAsync(new ImportRequest(ConceptReports.Zhytomyr2025, content, DryRun: false, Partial: false, By));
        if (!result.Succeeded)
        {
            // The shipped file is tested; failing here means a broken build, but the silo still serves facilities.
            LogFailed(logger, city, ConceptReports.Zhytomyr2025, string.Join("; ", result.Errors.Take(5)));
            return;
        }
        var projects = result.Counts.Single(c => c.Entity == "project");
        LogImported(logger, city, ConceptReports.Zhytomyr2025, projects.Created, projects.Changed, projects.Unchanged);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Concept report {File} imported for {City}: {Created} projects created, {Changed} changed, {Unchanged} unchanged")]
    static partial void LogImported(ILogger logger, string city, string file, int created, int changed, int unchanged);

    [LoggerMessage(LogLevel.Information, "Concept of {City} already imported; the shipped report is not loaded again")]
    static partial void LogAlreadyImported(ILogger logger, string city);

    [LoggerMessage(LogLevel.Error, "Concept report {File} could not be imported for {City}: {Errors}")]
    static partial void LogFailed(ILogger logger, string city, string file, string errors);
}
