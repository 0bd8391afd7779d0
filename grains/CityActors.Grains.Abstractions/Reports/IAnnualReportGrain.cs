namespace CityActors.Grains.Reports;

/// <summary>The city's annual report for one calendar year (key: the year, such as <c>2025</c>), versioned.</summary>
/// <remarks>
/// A version is one stream position and one moment: it counts every event of the city's stream up to that position
/// (facility figures, the projects' reports and money, the departments' records) and no later one, with time counted up
/// to the moment. A version is stored only when the content differs from the latest one: building again with nothing new
/// returns the latest version, an event that arrives late makes the next. Every stored version stays readable and renderable.
/// </remarks>
public interface IAnnualReportGrain : IGrainWithStringKey
{
    /// <summary>Builds the report from the maintained aggregates and the projects' and departments' journals, up to <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The moment the report speaks for; the end of the year when null and the year is over, else now. Clamped to the year.</param>
    /// <remarks>
    /// The stream position is the head of the stream when the build starts (or the position an aggregate had already
    /// counted to, if later): both aggregates are read at exactly that position, an aggregate behind it counting the
    /// journal's events up to it first.
    /// </remarks>
    Task<ReportVersion> BuildAsync(DateTimeOffset? asOf = null);

    /// <summary>The latest version; when there is none yet, builds the first one (as <see cref="BuildAsync"/> with no moment).</summary>
    /// <exception cref="ReportNotFoundException">The year has not begun (Europe/Kyiv): nothing to report yet.</exception>
    Task<ReportVersion> EnsureBuiltAsync();

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

    /// <summary>Builds a stored version again from the raw journal, up to its stream position and moment, and renders it; stores nothing.</summary>
    /// <remarks>
    /// An audit: the result equals <see cref="RenderAsync"/> of that version byte for byte, whatever arrived since. Reads
    /// every event of the city's stream up to the version's position. Part one's structure (priorities, goals, tasks,
    /// rows and their departments) is the imported Concept's as the version found it, kept with the version, since an
    /// import replaces the tree instead of journaling it.
    /// </remarks>
    Task<ReportFile> RebuildFromJournalAsync(string format, int? version = null);

    /// <summary>Makes sure the reminder that builds the report after the year ends is registered.</summary>
    Task ScheduleAsync();
}
