using System.Globalization;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Departments;
using CityActors.Grains.Kinds;
using CityActors.Grains.Projects;
using CityActors.Grains.Reports.Formats;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Reports;

/// <summary>The annual report of one calendar year (key: the year), built from the maintained aggregates, versioned, and built by itself after the year ends.</summary>
/// <remarks>
/// The reminder first fires just after the year ends (Europe/Kyiv) and then daily until the departments' reporting
/// deadline has passed, so reports that arrive late still make a new version; then it hands over to the next year.
/// </remarks>
[GrainType("report")]
public sealed class AnnualReportGrain(
    [PersistentState("report")] IPersistentState<AnnualReportState> state,
    IOptions<CityOptions> city,
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
        var at = Moment(year, asOf);
        var versions = state.State.Versions;
        var report = AnnualReportBuilder.Build(await InputsAsync(year, at, fromJournal: false), versions.Count + 1);
        if (versions.Count > 0 && versions[^1].Report.ContentHash == report.ContentHash)
            return versions[^1].Describe();
        var stored = new StoredReport(report, time.GetUtcNow());
        state.State = state.State with { Versions = [.. versions, stored] };
        await state.WriteStateAsync();
        return stored.Describe();
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
        CheckFormat(format);
        return Task.FromResult(ReportRenderer.Render(Stored(version).Report, format));
    }

    public async Task<ReportFile> RebuildFromJournalAsync(string format, int? version = null)
    {
        CheckFormat(format);
        var stored = Stored(version).Report;
        var rebuilt = AnnualReportBuilder.Build(await InputsAsync(stored.Year, stored.AsOf, fromJournal: true), stored.Version);
        return ReportRenderer.Render(rebuilt, format);
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

    async Task<ReportInputs> InputsAsync(int year, DateTimeOffset asOf, bool fromJournal)
    {
        var aggregate = GrainFactory.GetGrain<ICityAggregateGrain>(City);
        var previousEnd = KyivCalendar.StartOf(year);
        YearlyFigures figures, previous, districts, previousDistricts;
        var districtFigures = GrainFactory.GetGrain<IDistrictFiguresGrain>(City);
        if (fromJournal)
        {
            // One pass over the journal; figures clamp the moment to each year, so the previous year is counted to its end.
            var rebuilt = await districtFigures.RebuildYearsAsync([year, year - 1], asOf);
            (figures, previous, districts, previousDistricts) = (rebuilt.ByDepartment[0], rebuilt.ByDepartment[1], rebuilt.ByDistrict[0], rebuilt.ByDistrict[1]);
        }
        else
        {
            figures = await aggregate.GetYearAsync(year, asOf);
            previous = await aggregate.GetYearAsync(year - 1, previousEnd);
            districts = await districtFigures.GetYearAsync(year, asOf);
            previousDistricts = await districtFigures.GetYearAsync(year - 1, previousEnd);
        }
        var tree = await GrainFactory.GetGrain<IConceptGrain>(City).GetTreeAsync();
        var projects = new Dictionary<string, ProjectSnapshot>(StringComparer.Ordinal);
        foreach (var project in tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects))
            projects[project.GrainKey] = await GrainFactory.GetGrain<IProjectGrain>(project.GrainKey).GetAsync();
        var concept = ReportConcept.ForYear(tree, year, projects);
        var kinds = await GrainFactory.GetGrain<IKindRegistryGrain>(City).GetKindsAsync();
        var departments = new List<(string, string, ReportingRecord)>();
        foreach (var id in AnnualReportBuilder.DepartmentIds(concept, figures))
        {
            var department = GrainFactory.GetGrain<IDepartmentGrain>(id);
            var name = (await department.GetAsync()).Registration?.Name
                ?? AnnualReportBuilder.Rows(concept).SelectMany(r => r.Departments).FirstOrDefault(d => d.Id == id)?.Name
                ?? id;
            departments.Add((id, name, await department.GetReportingRecordAsync(year)));
        }
        return new ReportInputs(year, asOf, concept, figures, previous, districts, previousDistricts, kinds.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal), departments);
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

    static void CheckFormat(string format)
    {
        if (!ReportRenderer.IsKnown(format))
            throw new ValidationException("format", $"'{format}' is not a report format; use one of {string.Join(", ", ReportFormat.All)}.");
    }
}
