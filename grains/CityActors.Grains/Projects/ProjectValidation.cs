namespace CityActors.Grains.Projects;

/// <summary>Checks project registrations and reports before anything is stored.</summary>
public static class ProjectValidation
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    public static void Validate(ProjectRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Text(registration.Priority, "priority", 200);
        Text(registration.StrategicGoal, "strategicGoal", 1000);
        Text(registration.Task, "task", 2000);
        Text(registration.Name, "name", 1000);
        Require(registration.StartYear is null or >= FirstYear and <= LastYear, "startYear", $"must be between {FirstYear} and {LastYear}.");
        Require(registration.EndYear is null or >= FirstYear and <= LastYear, "endYear", $"must be between {FirstYear} and {LastYear}.");
        Require(registration.StartYear is null || registration.EndYear is null || registration.StartYear <= registration.EndYear, "endYear", "the period ends before it starts.");
        // The Concept report has projects whose department cell is empty: such a project has no department yet.
        Require(registration.Departments is not null, "departments", "a list of department ids is required (it may be empty).");
        foreach (var department in registration.Departments!)
            Require(!string.IsNullOrWhiteSpace(department) && department.Length <= 100, "departments", "a department id is required for each entry.");
    }

    public static void Validate(ProjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Require(report.Year is >= FirstYear and <= LastYear, "year", $"must be between {FirstYear} and {LastYear}.");
        Text(report.StatusText, "statusText", 20_000);
        Require(Enum.IsDefined(report.StatusClass), "statusClass", "is not a known status class.");
        Require(report.CompletionPercent is null || (double.IsFinite(report.CompletionPercent.Value) && report.CompletionPercent is >= 0 and <= 100), "completionPercent", "must be between 0 and 100.");
        Require(report.MoneyPlanned is null or >= 0, "moneyPlanned", "must not be negative.");
        Require(report.MoneySpent is null or >= 0, "moneySpent", "must not be negative.");
    }

    /// <summary>Whether two registrations say the same (records compare the department list by reference).</summary>
    public static bool Same(ProjectRegistration a, ProjectRegistration b)
        => a with { Departments = [], DepartmentSpellings = null } == b with { Departments = [], DepartmentSpellings = null }
            && a.Departments.SequenceEqual(b.Departments, StringComparer.Ordinal)
            && (a.DepartmentSpellings ?? []).SequenceEqual(b.DepartmentSpellings ?? [], StringComparer.Ordinal);

    static void Text(string? value, string field, int maxLength)
        => Require(!string.IsNullOrWhiteSpace(value) && value.Length <= maxLength, field, $"is required (at most {maxLength:N0} characters).");

    static void Require(bool condition, string field, string reason)
    {
        if (!condition)
            throw new ValidationException(field, reason);
    }
}
