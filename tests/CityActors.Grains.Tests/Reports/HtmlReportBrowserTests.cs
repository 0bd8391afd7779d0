using CityActors.Grains.Reports;
using CityActors.Grains.Reports.Formats;
using Microsoft.Playwright;

namespace CityActors.Grains.Tests.Reports;

/// <summary>The HTML report in a real Chromium (<c>/usr/bin/chromium</c>, headless); fails when Chromium is missing.</summary>
public sealed class HtmlReportBrowserTests
{
    const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Html_Report2025_RendersInChromiumAndPrints()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with 'apt-get install -y chromium'.");
        var report = ReportSamples.Report2025();
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-screenshots"));
        var file = Path.Combine(directory.FullName, "zvit-2025-v1.html");
        await File.WriteAllBytesAsync(file, ReportRenderer.Render(report, ReportFormat.Html).Content);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        var tables = await page.Locator("table").CountAsync();
        var firstTable = await page.Locator("table").First.BoundingBoxAsync();
        var operations = await page.Locator("#operations + p + table tbody tr").AllInnerTextsAsync();
        var rows = await page.Locator("table:nth-of-type(1) tbody tr").CountAsync();
        var screenshot = Path.Combine(directory.FullName, "zvit-2025-v1.png");
        await page.ScreenshotAsync(new() { Path = screenshot });
        var partTwo = Path.Combine(directory.FullName, "zvit-2025-v1-operations.png");
        await page.Locator("#operations").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = partTwo });
        var pdf = await page.PdfAsync(new() { Format = "A4", Landscape = true });

        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(6 + 2 + 2 + 4 + 1, tables); // priorities, two priorities' money, part one's summaries, part two, part three
        Assert.NotNull(firstTable);
        Assert.True(firstTable.Width > 1000 && firstTable.Height > 100, $"the first table is {firstTable.Width}×{firstTable.Height}");
        Assert.Equal(["Котельня", "Камера відеоспостереження", "Найпростіше укриття", "Разом"], operations.Select(r => r.Split('\t')[0]));
        Assert.Contains("98,50 %", operations[0], StringComparison.Ordinal);
        Assert.True(rows > 0);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        Assert.True(new FileInfo(partTwo).Length > 10_000, "the screenshot of part two is empty");
        Assert.True(pdf.Length > 100_000 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8), "the printed PDF is empty");
    }
}
