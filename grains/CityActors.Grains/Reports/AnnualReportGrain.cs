using System.Globalization;
using CityActors.Grains.Concept;
using CityActors.Grains.Departments;
using CityActors.Grains.Reports.Formats;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Reports;

/// <summary>The annual report of one calendar year (key: the year), built from the maintained aggregates as of one stream position, versioned, and built by itself after the year ends.</summary>
/// <remarks>
/// The reminder first fires just after the year ends (Europe/Kyiv) and then daily until the departments' reporting
/// deadline has passed, so reports that arrive late still make a new version; then it hands over to the next year.
/// </remarks>
[GrainType("report")]
public sealed class AnnualReportGrain(
    [PersistentState("report")] IPersistentState<AnnualReportState> state,
    IOptions<CityOptions> city,
    GrainStorage storage,
    TimeProvider time) : Grain, IAnnualReportGrain, IRemindable
{
    public const string ReminderName = "annual-report";
    static readonly TimeSpan s_afterYearEnd = TimeSpan.FromMinutes(5);
    static readonly TimeSpan s_repeat = TimeSpan.FromDays(1);

    int Year => int.TryParse(GrainId.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
        ? year
        : throw new ValidationException("year", $"'{GrainId.Key}' is not a year between 2000 and 2100.");

    string City => city.Value.Name;

    public async Task<ReportVersion> BuildAsync(DateTimeOffset? asOf = null)
    {
        var year = Year;
        var now = time.GetUtcNow();
        var at = Moment(year, asOf);
        var versions = state.State.Versions;
        var structure = ReportConcept.Structure(await GrainFactory.GetGrain<IConceptGrain>(City).GetTreeAsync());
        var figures = await ReportSources.FiguresAsync(GrainFactory, storage, City, year, at);
        var inputs = await ReportSources.InputsAsync(GrainFactory, City, year, at, figures, structure, now);
        var report = AnnualReportBuilder.Build(inputs, versions.Count + 1);
        if (versions.Count > 0 && versions[^1].Report.ContentHash == report.ContentHash)
            return versions[^1].Describe();
        var stored = new StoredReport(report, now, structure);
        state.State = state.State with { Versions = [.. versions, stored] };
        await state.WriteStateAsync();
        return stored.Describe();
    }

    public async Task<ReportVersion> EnsureBuiltAsync()
    {
        if (state.State.Versions.Count > 0)
            return state.State.Versions[^1].Describe();
        if (time.GetUtcNow() < KyivCalendar.StartOf(Year))
            throw new ReportNotFoundException($"The year {GrainId.Key} has not begun: there is no report for it yet.");
        return await BuildAsync();
    }

    public Task<IReadOnlyList<ReportVersion>> GetVersionsAsync()
        => Task.FromResult<IReadOnlyList<ReportVersion>>([.. state.State.Versions.Select(v => v.Describe())]);

    public Task<AnnualReport?> GetAsync(int? version = null)
    {
        var versions = state.State.Versions;
        var found = version is { } v ? versions.FirstOrDefault(s => s.Report.Version == v) : versions.LastOrDefault();
        return Task.FromResult(found?.Report);
    }

    public Task<ReportFile> RenderAsync(string format, int? version = null)
    {
        ReportFormat.Check(format);
        return Task.FromResult(ReportRenderer.Render(Stored(version).Report, format));
    }

    public async Task<ReportFile> RebuildFromJournalAsync(string format, int? version = null)
    {
        ReportFormat.Check(format);
        var stored = Stored(version);
        var (report, structure) = (stored.Report, stored.Structure ?? ReportConcept.Structure(await GrainFactory.GetGrain<IConceptGrain>(City).GetTreeAsync()));
        var figures = await ReportSources.RebuildFiguresAsync(GrainFactory, City, report.Year, report.AsOf, report.Sequence);
        var inputs = await ReportSources.InputsAsync(GrainFactory, City, report.Year, report.AsOf, figures, structure, stored.BuiltAt);
        return ReportRenderer.Render(AnnualReportBuilder.Build(inputs, report.Version), format);
    }

    public async Task ScheduleAsync()
    {
        var year = Year;
        var now = time.GetUtcNow();
        if (now > DepartmentGrain.Deadline(year) && state.State.Versions.Count > 0)
            return;
        var due = KyivCalendar.StartOf(year + 1) + s_afterYearEnd - now;
        await RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, s_repeat);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
            return;
        var year = Year;
        if (time.GetUtcNow() < KyivCalendar.StartOf(year + 1))
            return;
        await BuildAsync();
        if (time.GetUtcNow() > DepartmentGrain.Deadline(year))
        {
            if (await GetReminder(ReminderName) is { } reminder)
                await UnregisterReminder(reminder);
            await GrainFactory.GetGrain<IAnnualReportGrain>((year + 1).ToString(CultureInfo.InvariantCulture)).ScheduleAsync();
        }
    }

    /// <summary>The moment a report speaks for: the one asked for within the year, else the year's end once it is over, else now.</summary>
    DateTimeOffset Moment(int year, DateTimeOffset? asOf)
    {
        var start = KyivCalendar.StartOf(year);
        var end = KyivCalendar.StartOf(year + 1);
        var at = asOf ?? time.GetUtcNow();
        return at < start ? start : at > end ? end : at;
    }

    StoredReport Stored(int? version)
    {
        var versions = state.State.Versions;
        if (versions.Count == 0)
            throw new ReportNotFoundException($"The report for {GrainId.Key} has not been built yet.");
        return version is { } v
            ? versions.FirstOrDefault(s => s.Report.Version == v) ?? throw new ReportNotFoundException($"The report for {GrainId.Key} has no version {v} (versions 1–{versions.Count}).")
            : versions[^1];
    }
}
