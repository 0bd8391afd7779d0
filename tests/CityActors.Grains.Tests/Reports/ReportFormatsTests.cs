using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Reports;
using CityActors.Grains.Reports.Formats;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CityActors.Grains.Tests.Reports;

public sealed class ReportFormatsTests
{
    static readonly AnnualReport s_report = ReportSamples.Report2025();

    [Fact]
    public void Docx_Report2025_PassesTheOpenXmlValidator()
    {
        var bytes = ReportRenderer.Render(s_report, ReportFormat.Docx).Content;

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Docx_Report2025_HasHeadingsRealTablesAndEveryTaskProjectDepartmentAndStatusText()
    {
        var bytes = ReportRenderer.Render(s_report, ReportFormat.Docx).Content;

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2").Select(p => p.InnerText).ToList();
        var tables = body.Elements<Table>().ToList();
        var cellTexts = tables.SelectMany(t => t.Descendants<TableCell>()).SelectMany(c => c.Elements<Paragraph>()).Select(p => p.InnerText).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(3, headings.Count(h => h.StartsWith("Частина ", StringComparison.Ordinal)));
        Assert.Equal(s_report.Concept.Priorities.Select(p => $"Інформація про виконання завдань та реалізацію проєктів пріоритету \"{p.Title}\""),
            headings.Where(h => h.StartsWith("Інформація про виконання", StringComparison.Ordinal)));
        // Six priority tables, the money of the two priorities that state any, then part one's two summaries, part two's four and part three's one.
        Assert.Equal(6 + 2 + 2 + 4 + 1, tables.Count);
        Assert.All(tables, t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>()));
        AssertContainsEveryRow(cellTexts.Contains);
    }

    [Fact]
    public void Html_Report2025_HasEveryTaskProjectDepartmentAndStatusTextAndUkrainianNumbers()
    {
        var html = Encoding.UTF8.GetString(ReportRenderer.Render(s_report, ReportFormat.Html).Content);

        AssertContainsEveryRow(text => html.Contains(Escape(text), StringComparison.Ordinal));
        // Boiler houses: 2 000 h registered, 30 h down → 98,50 %; 2024: 1 000 h, 15 h → 98,50 % too, so +0,00 в. п.
        Assert.Contains("<td>Котельня</td><td class=\"number\">53</td><td class=\"number\">55</td><td class=\"number\">98,50 %</td>", html, StringComparison.Ordinal);
        Assert.Contains("15,0 тис.", html, StringComparison.Ordinal);
        Assert.Contains("31.01.2026", html, StringComparison.Ordinal);
        Assert.Contains("01.01.2026 00:00", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsv_Report2025_ReadsBackToTheSameStructureAndText()
    {
        var tsv = Encoding.UTF8.GetString(ReportRenderer.Render(s_report, ReportFormat.Tsv).Content);

        var reread = new ConceptDocumentParser().ParseOrThrow(tsv, "zvit-2025-v1.tsv");

        Assert.Equal(s_report.Concept, reread);
    }

    [Fact]
    public void Csv_Report2025_OneFilePerTableDescribedByTheDataPackageWithComputedTotals()
    {
        var bytes = ReportRenderer.Render(s_report, ReportFormat.Csv).Content;

        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var package = JsonDocument.Parse(zip.GetEntry("datapackage.json")!.Open());
        var resources = package.RootElement.GetProperty("resources").EnumerateArray().ToList();
        var files = resources.ToDictionary(r => r.GetProperty("path").GetString()!, r => Read(zip, r.GetProperty("path").GetString()!));

        Assert.Equal(["concept", "concept-summary", "concept-money", "operations", "operations-by-district", "operations-by-department", "shelters", "departments"], resources.Select(r => r.GetProperty("name").GetString()));
        foreach (var resource in resources)
        {
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
            Assert.Equal(string.Join(',', fields), files[resource.GetProperty("path").GetString()!][0]);
        }
        Assert.Equal(1 + AnnualReportBuilder.Rows(s_report.Concept).Count(), files["concept.csv"].Count(l => l.Length > 0));
        var total = files["operations.csv"].Last(l => l.Length > 0).Split(',');
        // At start 50+3+600+300, at end 52+3+653+310; availability = 1 − down ÷ registered over all kinds.
        var registered = 2_000 + 40_000 + (ReportSamples.EndOf2025 - KyivCalendar.StartOf(2025)).TotalHours * 305;
        var availability = 100 * (1 - (30 + 1_000 + 13_000) / registered);
        Assert.Equal(["Разом", "953", "1018"], total[..3]);
        Assert.Equal(Math.Round(availability, 4), double.Parse(total[3], CultureInfo.InvariantCulture));
        Assert.Equal("136", total[4]);
        var districts = files["operations-by-district.csv"].Where(l => l.Length > 0).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["Богунський,boiler-house", "Богунський,shelter", "Корольовський,boiler-house", "Корольовський,cctv-camera", "Разом,"],
            districts.Select(d => d[0] + "," + d[1]));
        // Богунський boiler houses: 21 at the end against 20, availability 99,5 % against 99,0 % (1 000 h registered, 5 h and 10 h down).
        Assert.Equal(["1", "0.5", "-2"], districts[0][^3..]);
        Assert.Equal(["953", "1018"], districts[^1][2..4]);
    }

    [Fact]
    public void Render_SameReportTwice_GivesTheSameBytesInEveryFormat()
    {
        foreach (var format in ReportFormat.All)
        {
            var once = ReportRenderer.Render(ReportSamples.Report2025(), format);
            var twice = ReportRenderer.Render(ReportSamples.Report2025(), format);

            Assert.True(once.Content.AsSpan().SequenceEqual(twice.Content), $"{format} differs");
            Assert.Equal($"zvit-2025-v1.{(format == ReportFormat.Csv ? "csv.zip" : format)}", once.FileName);
        }
    }

    [Fact]
    public void Hash_DependsOnContentNotOnVersion()
    {
        var first = ReportSamples.Report2025(version: 1);
        var second = ReportSamples.Report2025(version: 2);
        var changed = first with { Counts = first.Counts with { Alarms = first.Counts.Alarms + 1 } };

        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(64, first.ContentHash.Length);
        Assert.NotEqual(first.ContentHash, AnnualReportBuilder.Hash(changed));
    }

    [Fact]
    public void Render_UnknownFormat_IsAValidationError()
    {
        var error = Assert.Throws<ValidationException>(() => ReportRenderer.Render(s_report, "pdf"));

        Assert.Equal("format", error.Field);
    }

    static void AssertContainsEveryRow(Func<string, bool> contains)
    {
        foreach (var task in s_report.Concept.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks))
        {
            Assert.True(contains(task.Description), $"task {task.Key}");
            foreach (var project in task.Projects)
            {
                Assert.True(project.Name.Length == 0 || contains(project.Name), $"project {project.Key}");
                Assert.True(project.Departments.Count == 0 || contains(string.Join(", ", project.Departments.Select(d => d.RawSpelling))), $"departments of {project.Key}");
                Assert.All(project.StatusText.Split('\n'), paragraph => Assert.True(contains(paragraph), $"status text of {project.Key}: {paragraph}"));
            }
        }
    }

    static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>The file's records: a paragraph break inside a quoted value is a bare line feed, records end with CR LF.</summary>
    static List<string> Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return [.. reader.ReadToEnd().Split("\r\n")];
    }
}
