using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Reports;
using CityActors.Grains.Reports.Formats;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CityActors.Grains.Tests.Reports;

/// <summary>Part one's money: the rows' stated amounts, summed by priority and for the city, in every format.</summary>
public sealed class ReportMoneyTests
{
    static readonly AnnualReport s_report = ReportSamples.Report2025();

    [Fact]
    public void Build_StatedAmounts_AreSummedByPriorityAndForTheCity()
    {
        var money = s_report.Money;

        Assert.Equal(ReportSamples.Money2025, money.Rows);
        Assert.Equal(s_report.Concept.Priorities.Select(p => p.Key), money.Priorities.Select(p => p.Priority));
        // 2 400 000 + 65 800 + 850 planned; 2 150 500,50 + 65 800 spent (the third row states only what it planned).
        Assert.Equal(new MoneyTotals(3, 2_466_650m, 2_216_300.50m), money.Priorities[0].Totals);
        Assert.Equal(new MoneyTotals(1, 1_250_000_000m, 990_000_000m), money.Priorities[1].Totals);
        Assert.All(money.Priorities.Skip(2), p => Assert.Equal(MoneyTotals.Zero, p.Totals));
        Assert.Equal(new MoneyTotals(4, 1_252_466_650m, 992_216_300.50m), money.City);
    }

    [Fact]
    public void Html_Money_PerRowAndTotalsInHryvnias()
    {
        var html = Encoding.UTF8.GetString(ReportRenderer.Render(s_report, ReportFormat.Html).Content);

        var first = s_report.Concept.Priorities[0];
        Assert.Contains($"<h3 id=\"concept-money-p1\">Фінансування проєктів пріоритету &quot;{first.Title}&quot; у 2025 році</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">2,40 млн грн</td><td class=\"number\">2,15 млн грн</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">850,00 грн</td><td class=\"number\">—</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"total\"><td>Разом</td><td></td><td></td><td class=\"number\">2,47 млн грн</td><td class=\"number\">2,22 млн грн</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"total\"><td>Разом по місту</td><td class=\"number\">4</td><td class=\"number\">1,25 млрд грн</td><td class=\"number\">992,22 млн грн</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"concept-money-p3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_Money_TablesWithFormattedAmounts()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ReportRenderer.Render(s_report, ReportFormat.Docx).Content), false);
        var rows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>()
            .Select(r => string.Join("|", r.Elements<TableCell>().Select(c => c.InnerText))).ToList();

        Assert.Contains("Разом|||2,47 млн грн|2,22 млн грн", rows);
        Assert.Contains("Разом по місту|4|1,25 млрд грн|992,22 млн грн", rows);
        Assert.Contains(rows, r => r.EndsWith("|65,8 тис. грн|65,8 тис. грн", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_Money_ExactAmountsDescribedInTheDataPackage()
    {
        using var zip = new ZipArchive(new MemoryStream(ReportRenderer.Render(s_report, ReportFormat.Csv).Content));
        using var package = JsonDocument.Parse(zip.GetEntry("datapackage.json")!.Open());
        var fields = package.RootElement.GetProperty("resources").EnumerateArray()
            .SelectMany(r => r.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => (Resource: r.GetProperty("name").GetString(), Name: f.GetProperty("name").GetString(), Type: f.GetProperty("type").GetString(), Description: f.GetProperty("description").GetString()!)))
            .ToList();
        var concept = Read(zip, "concept.csv");
        var money = Read(zip, "concept-money.csv");

        Assert.Contains(("concept", "money_planned_uah", "number"), fields.Select(f => (f.Resource, f.Name, f.Type)));
        Assert.Contains(("concept-money", "spent_uah", "number"), fields.Select(f => (f.Resource, f.Name, f.Type)));
        Assert.All(fields.Where(f => f.Name!.EndsWith("_uah", StringComparison.Ordinal)), f => Assert.Contains("UAH", f.Description, StringComparison.Ordinal));
        Assert.EndsWith(",2400000,2150500.5", concept[1], StringComparison.Ordinal);
        Assert.EndsWith(",850,", concept[3], StringComparison.Ordinal);
        Assert.EndsWith(",,", concept[4], StringComparison.Ordinal);
        Assert.Equal("Разом по місту,4,1252466650,992216300.5", money[^1]);
        Assert.Equal(1 + 6 + 1, money.Count); // the header, six priorities, the city's total
    }

    [Fact]
    public void Json_Money_CarriesTheAmountsAndTotals()
    {
        using var json = JsonDocument.Parse(ReportRenderer.Render(s_report, ReportFormat.Json).Content);

        var money = json.RootElement.GetProperty("Money");
        Assert.Equal(4, money.GetProperty("Rows").GetArrayLength());
        Assert.Equal(1_252_466_650m, money.GetProperty("City").GetProperty("Planned").GetDecimal());
        Assert.Equal(992_216_300.50m, money.GetProperty("City").GetProperty("Spent").GetDecimal());
    }

    [Fact]
    public void Tsv_Money_StaysOutOfTheCitysForm()
    {
        var withoutMoney = s_report with { Money = new ConceptMoney([], [], MoneyTotals.Zero) };

        var tsv = ReportRenderer.Render(s_report, ReportFormat.Tsv).Content;
        var reread = new ConceptDocumentParser().ParseOrThrow(Encoding.UTF8.GetString(tsv), "zvit-2025-v1.tsv");

        Assert.Equal(ReportRenderer.Render(withoutMoney, ReportFormat.Tsv).Content, tsv);
        Assert.Equal(s_report.Concept, reread);
    }

    /// <summary>The file's records, without the empty one after the last CR LF.</summary>
    static List<string> Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return [.. reader.ReadToEnd().Split("\r\n").Where(l => l.Length > 0)];
    }
}
