using System.Text.RegularExpressions;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>The fixed Ukrainian wording of the report that the reader recognises and the writer produces.</summary>
static partial class ReportPatterns
{
    public const string TitlePrefix = "Інформація про виконання завдань та реалізацію проєктів пріоритету";
    public const string Subtitle = "Концепції інтегрованого розвитку м. Житомира до 2030 року";
    public const string GoalHeadingPrefix = "Стратегічна ціль";
    public const string NumberHeader = "№ з/п";
    public const string TaskHeader = "Опис завдання відповідно до Концепції";
    public const string ProjectHeader = "Проєкт";
    public const string DepartmentHeader = "Виконавчий орган міської ради - відповідальний за надання інформації";
    public const string StatusHeaderPrefix = "Інформація про виконання за";

    /// <summary>A table title; the quoted name is the priority. Wording of "проєктів"/"проектів" and quotes varies.</summary>
    [GeneratedRegex(@"^Інформація про виконання\b.*?\bпріоритет\w*\s*[""«“„](?<name>[^""«»“”„]+)[""»”“]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Title();

    [GeneratedRegex(@"^Концепці\w+ інтегрованого розвитку", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SubtitleLine();

    /// <summary>The report year as a title or header states it: "за 2025 рік".</summary>
    [GeneratedRegex(@"\bза\s+(?<year>(?:19|20)\d{2})\s*(?:рік|року|р\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Year();

    [GeneratedRegex(@"^Стратегічна\s+ціль\s*№?\s*(?<number>\d{1,3})\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex GoalHeading();

    /// <summary>The first header cell ("№ з/п") or the second ("Опис завдання …").</summary>
    [GeneratedRegex(@"^(?:№|Опис завдання)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex HeaderCell();

    /// <summary>A number cell: "1", "2." (Green city writes the goal number here).</summary>
    [GeneratedRegex(@"^(?<number>\d{1,3})\.?$", RegexOptions.CultureInvariant)]
    public static partial Regex Number();

    /// <summary>A task text numbered "goal.task." in front, as Green city writes it: "1.2. Підвищення …".</summary>
    [GeneratedRegex(@"^(?<goal>\d{1,3})\.(?<task>\d{1,3})\.?\s+(?<text>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    public static partial Regex NumberedTask();

    /// <summary>A separator row cell: "--", "---", "|---|", ":---:".</summary>
    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*\|?$", RegexOptions.CultureInvariant)]
    public static partial Regex Separator();

    /// <summary>The years of a project: "2019-2030", "2019 – 2030", "(2023-2030)", "2019-2030роки".</summary>
    [GeneratedRegex(@"(?<!\d)(?<from>(?:19|20)\d{2})\s*[-–—]\s*(?<to>(?:19|20)\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex Period();

    /// <summary>The period of a project name such as <c>2019-2030</c>, or null when it names none.</summary>
    public static string? FindPeriod(string projectName)
    {
        var match = Period().Match(projectName);
        return match.Success ? $"{match.Groups["from"].Value}-{match.Groups["to"].Value}" : null;
    }
}
