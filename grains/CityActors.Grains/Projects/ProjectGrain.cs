using CityActors.Grains.Departments;
using CityActors.Grains.Facilities;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Projects;

/// <summary>One project of the Concept: its place (priority → strategic goal → task), period, departments and yearly reports.</summary>
/// <remarks>
/// Departments are told after the project's own write. A retry of the same command changes nothing here but tells the
/// departments again (they ignore what they know), so a call that failed half-way heals when the client retries.
/// </remarks>
public sealed class ProjectGrain(IOptions<CityOptions> city, TimeProvider time) : JournaledGrain<ProjectState, ProjectEvent>, IProjectGrain
{
    readonly StreamId _stream = CityEvent.Stream(city.Value.Name);

    protected override StreamId? JournalStream => _stream;

    protected override ProjectState TransitionState(ProjectState state, ProjectEvent @event) => state.Apply(@event);

    public async Task RegisterAsync(ProjectRegistration registration, ChangeContext change)
    {
        ProjectValidation.Validate(registration);
        ChangeValidation.Validate(change);
        var current = State.Registration;
        if ((current is null || !ProjectValidation.Same(current, registration)) && !State.RecentKeys.Contains(IdempotencyKey.Of(change.Source, change.Id)))
        {
            var moved = current is not null && current.Priority != registration.Priority;
            RaiseEvent(new ProjectRegistered(
                registration,
                moved ? current!.Priority : null,
                moved ? State.Reports.ToDictionary(r => r.Key, r => r.Value.Report.StatusClass) : null) { Subject = GrainId.Key, Change = ChangeInfo.From(change, time.GetUtcNow()) });
            await ConfirmEvents();
        }
        var period = State.Registration!;
        foreach (var department in period.Departments)
            await GrainFactory.GetGrain<IDepartmentGrain>(department).AttachProjectAsync(GrainId.Key, period.StartYear, period.EndYear, change);
    }

    public async Task SubmitReportAsync(ProjectReport report, ChangeContext change)
    {
        ProjectValidation.Validate(report);
        ChangeValidation.Validate(change);
        var registration = State.Registration ?? throw new NotRegisteredException("project", GrainId.Key);
        var previous = State.Reports.GetValueOrDefault(report.Year);
        if (previous?.Report != report && !State.RecentKeys.Contains(IdempotencyKey.Of(change.Source, change.Id)))
        {
            RaiseEvent(new ProjectReportSubmitted(registration.Priority, report, previous?.Report.StatusClass) { Subject = GrainId.Key, Change = ChangeInfo.From(change, time.GetUtcNow()) });
            await ConfirmEvents();
        }
        var submitted = State.Reports[report.Year];
        foreach (var department in registration.Departments)
            await GrainFactory.GetGrain<IDepartmentGrain>(department).RecordProjectReportAsync(GrainId.Key, report.Year, submitted.SubmittedAt, change);
    }

    public async Task WithdrawReportAsync(int year, ChangeContext change)
    {
        ChangeValidation.Validate(change);
        if (State.Registration is not { } registration || State.Reports.GetValueOrDefault(year) is not { } withdrawn
            || State.RecentKeys.Contains(IdempotencyKey.Of(change.Source, change.Id)))
            return;
        RaiseEvent(new ProjectReportWithdrawn(registration.Priority, withdrawn.Report) { Subject = GrainId.Key, Change = ChangeInfo.From(change, time.GetUtcNow()) });
        await ConfirmEvents();
    }

    public Task<ProjectSnapshot> GetAsync() => Task.FromResult(Snapshot(State, Version));

    public async Task<ProjectSnapshot> GetAsOfAsync(long position)
    {
        var state = new ProjectState();
        long version = 0;
        foreach (var entry in await RetrieveJournalAsync(0, long.MaxValue))
        {
            if (entry.Position > position)
                break; // a journal's events take stream positions in the order they were confirmed
            state = state.Apply(entry.Event);
            version = entry.Version;
        }
        return Snapshot(state, version);
    }

    ProjectSnapshot Snapshot(ProjectState state, long version)
        => new(GrainId.Key, state.Registration, [.. state.Reports.OrderBy(r => r.Key).Select(r => r.Value)], version);
}
