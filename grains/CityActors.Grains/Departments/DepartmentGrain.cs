using CityActors.Grains.Aggregation;
using CityActors.Grains.Imports;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Departments;

/// <summary>One department: its projects, the facilities it owns (counted by the city aggregate) and its reporting record.</summary>
public sealed class DepartmentGrain(IOptions<CityOptions> city, TimeProvider time) : JournaledGrain<DepartmentState, DepartmentEvent>, IDepartmentGrain
{
    readonly StreamId _stream = CityEvent.Stream(city.Value.Name);

    protected override StreamId? JournalStream => _stream;

    protected override DepartmentState TransitionState(DepartmentState state, DepartmentEvent @event) => state.Apply(@event);

    /// <summary>Yearly project reports are due by the end of January of the next year (Europe/Kyiv).</summary>
    public static DateTimeOffset Deadline(int year) => KyivCalendar.Midnight(year + 1, 2, 1);

    public async Task RegisterAsync(DepartmentRegistration registration, ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ChangeValidation.Validate(change);
        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Length > 300)
            throw new ValidationException("name", "is required (at most 300 characters).");
        if (State.Registration == registration)
            return;
        await RaiseAsync(new DepartmentRegistered(registration) { Subject = GrainId.Key, Change = ChangeInfo.From(change, time.GetUtcNow()) });
    }

    public async Task AttachProjectAsync(string projectKey, int? startYear, int? endYear, ChangeContext cause)
        => await AttachProjectsAsync([new ProjectAttachment(projectKey, startYear, endYear)], cause);

    public async Task RecordProjectReportAsync(string projectKey, int year, DateTimeOffset submittedAt, ChangeContext cause)
        => await RecordProjectReportsAsync([new ProjectReportArrival(projectKey, year, submittedAt)], cause);

    public async Task AttachProjectsAsync(IReadOnlyList<ProjectAttachment> projects, ChangeContext cause)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ChangeValidation.Validate(cause);
        var raised = false;
        foreach (var (projectKey, startYear, endYear) in projects)
        {
            ArgumentException.ThrowIfNullOrEmpty(projectKey);
            if (State.Projects.GetValueOrDefault(projectKey) == new ProjectPeriod(startYear, endYear))
                continue;
            RaiseEvent(new ProjectAttached(projectKey, startYear, endYear) { Subject = GrainId.Key, Change = Caused(cause, $"attach:{projectKey}", null) });
            raised = true;
        }
        if (raised)
            await ConfirmEvents();
    }

    public async Task RecordProjectReportsAsync(IReadOnlyList<ProjectReportArrival> reports, ChangeContext cause)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ChangeValidation.Validate(cause);
        var imported = cause.Source == ConceptImporter.Source(city.Value.Name);
        var raised = false;
        foreach (var (projectKey, year, submittedAt) in reports)
        {
            ArgumentException.ThrowIfNullOrEmpty(projectKey);
            if (State.Reports.Any(r => r.ProjectKey == projectKey && r.Year == year))
                continue; // the first submission decides whether the report was on time
            RaiseEvent(new ProjectReportRecorded(projectKey, year, submittedAt, imported) { Subject = GrainId.Key, Change = Caused(cause, $"report:{projectKey}:{year}", submittedAt) });
            raised = true;
        }
        if (raised)
            await ConfirmEvents();
    }

    public async Task<DepartmentSnapshot> GetAsync()
    {
        var figures = await GrainFactory.GetGrain<ICityAggregateGrain>(city.Value.Name).GetYearAsync(KyivCalendar.YearOf(time.GetUtcNow()));
        var owned = figures.Facilities.Where(f => f.Department == GrainId.Key && f.FacilitiesAtEnd > 0).ToDictionary(f => f.Kind, f => f.FacilitiesAtEnd);
        return new DepartmentSnapshot(GrainId.Key, State.Registration, owned, [.. State.Projects.Keys.Order(StringComparer.Ordinal)]);
    }

    public async Task<ReportingRecord> GetReportingRecordAsync(int year)
    {
        var figures = await GrainFactory.GetGrain<ICityAggregateGrain>(city.Value.Name).GetYearAsync(year);
        var updates = figures.Facilities.Where(f => f.Department == GrainId.Key).Sum(f => f.Updates);
        return ReportingRecords.Of(Describe(State), year, updates, time.GetUtcNow());
    }

    public async Task<DepartmentAsOf> GetAsOfAsync(long position)
    {
        var state = new DepartmentState();
        foreach (var entry in await RetrieveJournalAsync(0, long.MaxValue))
        {
            if (entry.Position > position)
                break; // a journal's events take stream positions in the order they were confirmed
            state = state.Apply(entry.Event);
        }
        return Describe(state);
    }

    DepartmentAsOf Describe(DepartmentState state) => new(
        GrainId.Key,
        state.Registration,
        [.. state.Projects.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ProjectAttachment(p.Key, p.Value.StartYear, p.Value.EndYear))],
        state.Reports);

    /// <summary>The department's event carries the change that caused it, under an id of its own within that change.</summary>
    ChangeInfo Caused(ChangeContext cause, string what, DateTimeOffset? observedAt)
        => ChangeInfo.From(cause with { Id = $"{cause.Id}:{GrainId.Key}:{what}", ObservedAt = observedAt ?? cause.ObservedAt }, time.GetUtcNow());

    async Task RaiseAsync(DepartmentEvent @event)
    {
        RaiseEvent(@event);
        await ConfirmEvents();
    }
}
