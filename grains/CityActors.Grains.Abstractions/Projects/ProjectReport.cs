namespace CityActors.Grains.Projects;

/// <summary>A project's report for one year, as the Concept's yearly information table gives it.</summary>
/// <param name="Year">The calendar year reported on.</param>
/// <param name="StatusText">What was done, in the department's words.</param>
/// <param name="StatusClass">The status the text amounts to.</param>
/// <param name="CompletionPercent">How complete the project is (0–100), when stated.</param>
/// <param name="MoneyPlanned">Money planned for the year, UAH.</param>
/// <param name="MoneySpent">Money spent in the year, UAH.</param>
public sealed record ProjectReport(
    int Year,
    string StatusText,
    ProjectStatusClass StatusClass,
    double? CompletionPercent = null,
    decimal? MoneyPlanned = null,
    decimal? MoneySpent = null);

/// <summary>What a yearly report says about a project, in the classes the city's report counts.</summary>
public enum ProjectStatusClass
{
    /// <summary><c>Реалізацію проєкту не розпочато</c>.</summary>
    NotStarted,

    /// <summary>Work is under way (<c>триває</c>, <c>розпочато</c>, a percentage of works done).</summary>
    InProgress,

    /// <summary>The year's part was carried out (an ongoing programme: <c>забезпечено</c>, <c>проведено</c>).</summary>
    Implemented,

    /// <summary>The project is finished (<c>завершено</c>, <c>введено в експлуатацію</c>).</summary>
    Completed,

    /// <summary><c>Реалізацію проєкту призупинено</c> (often because of martial law).</summary>
    Suspended,

    /// <summary><c>Проект не реалізовано</c>.</summary>
    NotImplemented,

    /// <summary>The project is no longer needed (<c>відсутня потреба</c>, <c>втратив актуальність</c>).</summary>
    NoLongerNeeded,

    /// <summary>The report says nothing (an empty cell, a dash).</summary>
    NoInformation,
}

/// <summary>A yearly report as stored: the report and who submitted it when.</summary>
public sealed record SubmittedReport(ProjectReport Report, DateTimeOffset SubmittedAt, string SubmittedBy);
