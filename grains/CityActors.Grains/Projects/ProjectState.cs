namespace CityActors.Grains.Projects;

/// <summary>A project's state: the fold of its journal.</summary>
public sealed record ProjectState
{
    public ProjectRegistration? Registration { get; init; }

    /// <summary>The latest report of each year.</summary>
    public IReadOnlyDictionary<int, SubmittedReport> Reports { get; init; } = new Dictionary<int, SubmittedReport>();

    /// <summary>Hashes of the latest idempotency keys, newest last.</summary>
    public IReadOnlyList<long> RecentKeys { get; init; } = [];

    public ProjectState Apply(ProjectEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var next = @event switch
        {
            ProjectRegistered registered => this with { Registration = registered.Registration },
            ProjectReportSubmitted submitted => this with
            {
                Reports = new Dictionary<int, SubmittedReport>(Reports)
                {
                    [submitted.Report.Year] = new SubmittedReport(submitted.Report, submitted.Change.ObservedAt, submitted.Change.By),
                },
            },
            ProjectReportWithdrawn withdrawn => this with { Reports = Reports.Where(r => r.Key != withdrawn.Report.Year).ToDictionary() },
            _ => this,
        };
        return next with { RecentKeys = [.. RecentKeys.TakeLast(31), Facilities.IdempotencyKey.Of(@event.Change)] };
    }
}
