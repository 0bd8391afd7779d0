using System.Net;
using System.Text.RegularExpressions;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

/// <summary>The whole 2025 report against counts established by reading the file by hand.</summary>
public sealed class RealDocumentStructureTests
{
    static readonly Lazy<ConceptParseResult> Parsed = new(() =>
        new ConceptDocumentParser().Parse(SeedFile.ConceptReportText, SeedFile.ConceptReport2025));

    static ConceptDocument Document => Parsed.Value.Document!;

    // Counted by reading 000_66a48dc1a4348c1f.txt line by line (a dump with cells cut at 70 characters, then every
    // line in full). A goal is a "Стратегічна ціль N" heading, or a title row without one (Comfortable city, line 131).
    // A task is a row with a number or task text: printed numbers, "1.1."-style numbers (Green city), and unnumbered
    // task text (Comfortable lines 185-186, Active line 240, Inclusive line 393). A named project is a row with text in
    // the project column, including rows shifted left (Innovative 62-66, Green 289/292, Inclusive 393-394) and four-cell
    // rows (Innovative 89-92, Inclusive 337-340). A task report is a row with department and/or report but no project
    // (Inclusive 328 and 331-334 are five reports of one task). Continuation rows (report text only) add neither.
    // The fourth table is titled "Інноваційне місто" again although it holds Active city's goals (culture, tourism, sport).
    public static TheoryData<int, string, int[], int, int> HandCounts => new()
    {
        // priority, title, tasks per goal, named projects, task-level reports
        { 1, "Ефективне місто", [3, 2, 3, 3], 13, 2 },
        { 2, "Інноваційне місто", [4, 4, 3], 29, 4 },
        { 3, "Комфортне місто", [2, 2, 7, 3, 4, 3], 57, 8 },
        { 4, "Інноваційне місто", [4, 3, 4, 4], 28, 7 },
        { 5, "Зелене місто", [4, 3, 3, 3], 22, 3 },
        { 6, "Інклюзивне місто", [4, 4, 3, 4], 32, 8 },
    };

    [Fact]
    public void Parse_RealDocument_SucceedsWithTheYearOfItsHeader()
    {
        var result = Parsed.Value;

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Document);
        Assert.Equal(2025, result.Document.Year);
        Assert.Equal(6, result.Document.Priorities.Count);
    }

    [Theory]
    [MemberData(nameof(HandCounts))]
    public void Parse_RealDocument_HasEveryGoalTaskAndProjectOfEachPriority(
        int priorityNumber, string title, int[] tasksPerGoal, int namedProjects, int taskReports)
    {
        var priority = Document.Priorities[priorityNumber - 1];

        var entries = priority.Goals.SelectMany(g => g.Tasks).SelectMany(t => t.Projects).ToList();

        Assert.Equal($"p{priorityNumber}", priority.Key);
        Assert.Equal(title, priority.Title);
        Assert.Equal(tasksPerGoal, priority.Goals.Select(g => g.Tasks.Count));
        Assert.Equal(namedProjects, entries.Count(p => p.Name.Length > 0));
        Assert.Equal(taskReports, entries.Count(p => p.Name.Length == 0));
    }

    [Fact]
    public void Parse_RealDocument_HasTheDocumentTotals()
    {
        var goals = Document.Priorities.SelectMany(p => p.Goals).ToList();
        var tasks = goals.SelectMany(g => g.Tasks).ToList();
        var entries = tasks.SelectMany(t => t.Projects).ToList();

        Assert.Equal(25, goals.Count);
        Assert.Equal(86, tasks.Count);
        Assert.Equal(181, entries.Count(p => p.Name.Length > 0));
        Assert.Equal(32, entries.Count(p => p.Name.Length == 0));
    }

    [Fact]
    public void Parse_RealDocument_KeepsGoalNumbersAsPrintedOrImplied()
    {
        var numbers = Document.Priorities.Select(p => p.Goals.Select(g => g.Number).ToArray()).ToArray();

        Assert.Equal([1, 2, 3, 4], numbers[0]);
        Assert.Equal([1, 2, 3], numbers[1]);
        // Goal 3 of Comfortable city has a title but no heading; it follows goal 2.
        Assert.Equal([1, 2, 3, 4, 5, 6], numbers[2]);
        Assert.Equal([1, 2, 3, 4], numbers[3]);
        Assert.Equal([1, 2, 3, 4], numbers[4]);
        // Inclusive city prints "Стратегічна ціль 3" twice (lines 386 and 395); kept, and keyed by position.
        Assert.Equal([1, 2, 3, 3], numbers[5]);
        Assert.Equal(["p6.g3", "p6.g4"], Document.Priorities[5].Goals.Skip(2).Select(g => g.Key));
    }

    [Fact]
    public void Parse_RealDocument_ReadsGoalTitlesInEveryMarkup()
    {
        var titles = Document.Priorities.SelectMany(p => p.Goals).ToDictionary(g => g.Key, g => g.Title);

        Assert.Equal("Формування сприятливого інвестиційного клімату", titles["p1.g1"]); // <i>…</i>
        Assert.Equal("Впровадження нових форм та напрямів організації економіки", titles["p1.g3"]); // ### / ####
        Assert.Equal("Просування економічного потенціалу міста на національній та міжнародній арені", titles["p1.g4"]); // plain cells
        Assert.Equal("Підтримка інноваційної діяльності", titles["p2.g2"]); // *…*
        Assert.Equal("Використання інформаційно-комунікаційних технологій у всіх сферах життя", titles["p2.g3"]); // <b>…</b>
        Assert.Equal("Потребоорієнтоване забезпечення нерухомістю бізнесу, сфери послуг та соціальної інфраструктури", titles["p3.g2"]); // line without tabs
        Assert.Equal("Досягнення сталої мобільності в компактному місті", titles["p3.g3"]); // title with no heading
        Assert.Equal("Забезпечення стійкого розвитку центру міста, що має пріоритет на рівні регіону", titles["p3.g5"]);
        Assert.Equal("Підтримка здорового способу життя, масових та професійних видів спорту", titles["p4.g4"]); // <b> heading, <i> title
        Assert.Equal("Забезпечення підтримки здоров'я мешканців міста через профілактичні заходи та розвиток сімейної медицини", titles["p6.g4"]); // <p><i>…</i></p>
        Assert.DoesNotContain(titles.Values, t => t.Length == 0 || t.Contains('<', StringComparison.Ordinal) || t.StartsWith('#') || t.StartsWith('*'));
    }

    [Fact]
    public void Parse_RealDocument_GivesEveryItemAUniqueKey()
    {
        var keys = Document.Priorities.SelectMany(p =>
            new[] { p.Key }
                .Concat(p.Goals.Select(g => g.Key))
                .Concat(p.Goals.SelectMany(g => g.Tasks).Select(t => t.Key))
                .Concat(p.Goals.SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Select(pr => pr.Key)))
            .ToList();

        Assert.Equal(6 + 25 + 86 + 213, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Parse_RealDocument_KeepsEveryReportParagraphInOrder()
    {
        var expected = ReportCellsReadDirectly(SeedFile.ConceptReportText);

        var actual = Document.Priorities
            .SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects)
            .SelectMany(p => p.StatusText.Split('\n'))
            .ToList();

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Parse_RealDocument_LeavesNoMarkupInAnyText()
    {
        var texts = Document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks)
            .SelectMany(t => t.Projects.SelectMany(p => new[] { p.Name, p.StatusText }).Append(t.Description));

        Assert.All(texts, text =>
        {
            Assert.DoesNotContain("<p>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("</", text, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;", text, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\t', text);
            Assert.Equal(text.Trim(), text);
        });
    }

    [Fact]
    public void Parse_RealDocument_ResolvesEveryDepartmentToTheCanonicalList()
    {
        var departments = Document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks)
            .SelectMany(t => t.Projects).SelectMany(p => p.Departments).ToList();
        var canonicalIds = DepartmentNames.Default.Canonical.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Parsed.Value.Warnings, w => w.Reason.StartsWith("unknown department", StringComparison.Ordinal));
        Assert.All(departments, d => Assert.Contains(d.Id, canonicalIds));
        Assert.Equal(22, departments.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Parse_RealDocument_ReportsTheRepairsItMadeAsWarnings()
    {
        var warnings = Parsed.Value.Warnings;

        Assert.All(warnings, w => Assert.Equal(SeedFile.ConceptReport2025, w.File));
        Assert.Contains(warnings, w => w.Line == 206 && w.Reason.Contains("repeats the table at line 39", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Line == 131 && w.Reason.Contains("strategic goal 3", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Line == 395 && w.Reason.Contains("goal 3 follows goal 3", StringComparison.Ordinal));
        Assert.Equal([62, 64, 65, 66], warnings.Where(w => w.Reason.StartsWith("project and department", StringComparison.Ordinal)).Select(w => w.Line));
        Assert.Equal([289, 292, 393, 394], warnings.Where(w => w.Reason.StartsWith("the row stands one column", StringComparison.Ordinal)).Select(w => w.Line));
        Assert.Equal([89, 90, 91, 92, 337, 338, 339, 340, 341], warnings.Where(w => w.Reason.StartsWith("the row has four cells", StringComparison.Ordinal)).Select(w => w.Line));
        Assert.Equal([185, 186, 240, 393], warnings.Where(w => w.Reason.StartsWith("a task without its number", StringComparison.Ordinal)).Select(w => w.Line));
    }

    [Fact]
    public void Parse_RealDocument_GivesTheLineEachReportRowStartsOn()
    {
        var lines = Parsed.Value.Lines;

        Assert.Equal(213, lines.Count);
        Assert.Equal(9, lines["p1.g1.t1.pr1"]); // Бізнес-платформа
        Assert.Equal(119, lines.Single(l => Project(l.Key).Name == "Ревіталізація багатоповерхівок 2020-2030 роки").Value);
        Assert.Equal(223, lines.Single(l => Project(l.Key).Name == "Громадський простір у мікрорайоні (2023-2030)").Value);
    }

    static ConceptProject Project(string key) =>
        Document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Single(p => p.Key == key);

    [Fact]
    public void Parse_RealDocumentTwice_GivesEqualModels()
    {
        var parser = new ConceptDocumentParser();

        var first = parser.ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025);
        var second = parser.ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Parse_RealDocumentFromStream_EqualsParseFromString()
    {
        using var stream = new MemoryStream(SeedFile.ConceptReportBytes);

        var fromStream = new ConceptDocumentParser().ParseOrThrow(stream, SeedFile.ConceptReport2025);

        Assert.Equal(Document, fromStream);
    }

    /// <summary>
    /// The report paragraphs read straight from the lines, without the parser: the last cell of every table row, or
    /// the one before it when the last is empty (the rows that stand one column to the left); <c>&lt;p&gt;</c> splits paragraphs.
    /// </summary>
    static List<string> ReportCellsReadDirectly(string text)
    {
        var paragraphs = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var cells = line.Split('\t');
            var isHeadingOrHeader = cells.Skip(1).All(c => c.Trim().Length == 0) || cells[0].StartsWith('№');
            if (cells.Length < 4 || isHeadingOrHeader || cells[0].StartsWith("--", StringComparison.Ordinal))
                continue;
            var status = cells[^1].Trim().Length > 0 ? cells[^1] : cells[^2];
            var plain = Regex.Replace(status, "</p>\\s*<p>", "\n");
            plain = WebUtility.HtmlDecode(Regex.Replace(plain, "<[^>]+>", string.Empty));
            paragraphs.AddRange(plain.Split('\n').Select(p => string.Join(' ', p.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        }
        return paragraphs;
    }
}
