namespace CityActors.Grains.Reports;

/// <summary>The city's annual report for one calendar year (key: the year, such as <c>2025</c>), versioned.</summary>
/// <remarks>
/// A version is stored only when the content differs from the latest one: building again with nothing new returns the
/// latest version, an event that arrives late makes the next. Every stored version stays readable and renderable.
/// </remarks>
public interface IAnnualReportGrain : IGrainWithStringKey
{
    /// <summary>Builds the report from the maintained aggregates and the projects' yearly reports, up to <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The moment the report speaks for; the end of the year when null and the year is over, else now. Clamped to the year.</param>
    Task<ReportVersion> BuildAsync(DateTimeOffset? asOf = null);

    /// <summary>The stored versions, oldest first; empty before the first build.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ReportVersion>> GetVersionsAsync();

    /// <summary>A stored version (the latest when null); null when there is none.</summary>
    [ReadOnly]
    Task<AnnualReport?> GetAsync(int? version = null);

    /// <summary>Renders a stored version (the latest when null) in one of <see cref="ReportFormat.All"/>.</summary>
    /// <exception cref="ValidationException">An unknown format.</exception>
    /// <exception cref="ReportNotFoundException">No such version, or nothing built yet.</exception>
    [ReadOnly]
    Task<ReportFile> RenderAsync(string format, int? version = null);

    /// <summary>Builds the report again from the raw journal, up to the same moment as a stored version, and renders it; stores nothing.</summary>
    /// <remarks>
    /// An audit: when nothing arrived since <paramref name="version"/> was built, the result equals
    /// <see cref="RenderAsync"/> of that version byte for byte. Reads every event of the city's stream.
    /// </remarks>
    Task<ReportFile> RebuildFromJournalAsync(string format, int? version = null);

    /// <summary>Makes sure the reminder that builds the report after the year ends is registered.</summary>
    Task ScheduleAsync();
}
