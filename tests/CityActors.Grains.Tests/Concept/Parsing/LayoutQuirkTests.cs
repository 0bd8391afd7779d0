using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

/// <summary>The layout quirks of the converted report, each in a small report of its own.</summary>
public sealed class LayoutQuirkTests
{
    static ConceptParseResult Parse(string text) => new ConceptDocumentParser().Parse(text, "small.txt");

    static string ReplaceLines(int line, int count, params string[] replacement)
    {
        var lines = SmallReports.Valid.Split('\n').ToList();
        lines.RemoveRange(line - 1, count);
        lines.InsertRange(line - 1, replacement);
        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData("<i>Стратегічна ціль 1</i>\t\t\t\t", "<i>Формування та забезпечення культурних запитів</i>\t\t\t\t")]
    [InlineData("<b>Стратегічна ціль 1</b>\t\t\t\t", "<b>Формування та забезпечення культурних запитів</b>\t\t\t\t")]
    [InlineData("### Стратегічна ціль 1", "#### Формування та забезпечення культурних запитів")]
    [InlineData("*Стратегічна ціль 1*", "*Формування та забезпечення культурних запитів*")]
    [InlineData("<p><i>Стратегічна ціль 1</i></p>\t\t\t\t", "<p><i>Формування та забезпечення культурних запитів</i></p>\t\t\t\t")]
    [InlineData("Стратегічна ціль 1", "Формування та забезпечення культурних запитів")]
    [InlineData("  Стратегічна   ціль 1 \t\t\t\t", "  Формування  та забезпечення культурних запитів  \t\t\t\t")]
    public void Parse_GoalHeadingInAnyMarkup_ReadsTheSameGoal(string heading, string title)
    {
        var text = ReplaceLines(5, 2, heading, string.Empty, title, string.Empty);

        var result = Parse(text);

        Assert.Empty(result.Errors);
        var goal = Assert.Single(result.Document!.Priorities[0].Goals);
        Assert.Equal(1, goal.Number);
        Assert.Equal("Формування та забезпечення культурних запитів", goal.Title);
        Assert.Equal(2, goal.Tasks.Count);
    }

    [Fact]
    public void Parse_ContinuationRowsAcrossBlankAndSeparatorLines_JoinTheProjectAsParagraphs()
    {
        var text = ReplaceLines(8, 1,
            "--\t--\t--\t--\t--",
            string.Empty,
            "\t\t\t\t<p>Другий   абзац.</p> <p>Третій&nbsp;абзац &quot;в лапках&quot;.</p>",
            "---\t--\t--\t---------\t---",
            "\t\t\t\tЧетвертий абзац.");

        var result = Parse(text);

        Assert.Empty(result.Errors);
        var project = result.Document!.Priorities[0].Goals[0].Tasks[0].Projects[0];
        Assert.Equal("Проект не реалізовано\nДругий абзац.\nТретій абзац \"в лапках\".\nЧетвертий абзац.", project.StatusText);
    }

    [Fact]
    public void Parse_CrLfLineEnds_GiveTheSameDocument()
    {
        var unix = Parse(SmallReports.Valid).Document;

        var windows = Parse(SmallReports.Valid.Replace("\n", "\r\n", StringComparison.Ordinal)).Document;

        Assert.NotNull(windows);
        Assert.Equal(unix, windows);
    }

    [Fact]
    public void Parse_DepartmentReportsWithoutProject_AreSeparateReportsOfOneTask()
    {
        var text = ReplaceLines(9, 1,
            "2\tЗабезпечити доступність\t\tДепартамент соціальної політики міської ради, управління культури\tЗагальний звіт",
            "\t\t\tУправління охорони здоров'я міської ради\tЗвіт охорони здоров'я",
            "\t\t\tУправління транспорту та зв'язку міської ради\tЗвіт транспорту");

        var result = Parse(text);

        var task = result.Document!.Priorities[0].Goals[0].Tasks[1];
        Assert.Equal(["", "", ""], task.Projects.Select(p => p.Name));
        Assert.Equal(["social-policy,culture", "health", "transport"], task.Projects.Select(p => string.Join(',', p.Departments.Select(d => d.Id))));
        Assert.Equal(["Загальний звіт", "Звіт охорони здоров'я", "Звіт транспорту"], task.Projects.Select(p => p.StatusText));
    }

    [Fact]
    public void Parse_HeaderWordingOfEachPriority_IsAccepted()
    {
        var text = ReplaceLines(4, 1, "№ з/п\tОпис завдання відповідно до Концепції\tПроект\tВиконавчий орган\tІнформація про виконання за 2024 р.");

        var result = Parse(text);

        Assert.Empty(result.Errors);
        Assert.Equal(2024, result.Document!.Year);
    }

    [Fact]
    public void Parse_GreenCityNumbering_TakesTheTaskNumberFromTheText()
    {
        var text = ReplaceLines(7, 1, "1\t1.2. Створити мережу\tТеатр 2019-2030 роки\tУправління культури міської ради\tПроект не реалізовано");

        var result = Parse(text);

        var task = result.Document!.Priorities[0].Goals[0].Tasks[0];
        Assert.Equal(2, task.Number);
        Assert.Equal("Створити мережу", task.Description);
        Assert.Equal(StatusClass.NotImplemented, task.Projects[0].StatusClass);
    }
}
