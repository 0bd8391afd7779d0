namespace CityActors.Grains.Projects;

/// <summary>One project of the Concept (key: its id), with a report per year.</summary>
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Registers the project or updates it; the same data again changes nothing.</summary>
    /// <exception cref="ValidationException">A missing name or priority, a period that ends before it starts.</exception>
    Task RegisterAsync(ProjectRegistration registration, ChangeContext change);

    /// <summary>Stores the report for its year, replacing an earlier one; the same report again changes nothing.</summary>
    /// <exception cref="ValidationException">A year or percentage out of range, negative money.</exception>
    /// <exception cref="NotRegisteredException">The project is not registered.</exception>
    Task SubmitReportAsync(ProjectReport report, ChangeContext change);

    /// <summary>Withdraws the report of a year (a new edition of that year's Concept report dropped the row); without one, nothing changes.</summary>
    Task WithdrawReportAsync(int year, ChangeContext change);

    [ReadOnly]
    Task<ProjectSnapshot> GetAsync();

    /// <summary>The project as its journal stood at stream position <paramref name="position"/>: later events, however early they say they happened, left out.</summary>
    /// <remarks>Reads the project's journal back from storage; <see cref="ProjectSnapshot.Version"/> is the number of its events counted.</remarks>
    [ReadOnly]
    Task<ProjectSnapshot> GetAsOfAsync(long position);
}
