using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityActors.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary>The Reports page's downloads, clicked in the browser, give the annual report in each format the client API renders.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReportDownloadTests(DashboardHost host)
{
    [Fact]
    public async Task Reports_ClickEachFormat_DownloadsTheReportInThatFormat()
    {
        var year = Text.UiText.ToKyiv(DateTimeOffset.UtcNow).Year;
        using (var build = new HttpRequestMessage(HttpMethod.Post, $"api/v1/reports/{year}/build"))
        {
            build.Headers.Add("X-Api-Key", host.PlannerKey);
            using var built = await host.Api.SendAsync(build);
            Assert.True(built.IsSuccessStatusCode, $"Building the {year} report answered {(int)built.StatusCode}: {await built.Content.ReadAsStringAsync()}");
        }
        var page = await host.NewPageAsync();
        await page.GotoAsync("reports");
        var links = page.Locator("[data-testid=report-links] a");
        await Expect(links).ToHaveCountAsync(5);
        await DashboardHost.ScreenshotAsync(page, "reports-downloads");

        foreach (var format in new[] { "docx", "html", "csv", "json", "tsv" })
        {
            var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"\\b{format}$") });

            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

            var path = await download.PathAsync();
            var bytes = await File.ReadAllBytesAsync(path);
            var extension = format == "csv" ? "csv.zip" : format;
            Assert.Matches($"^zvit-{year}-v\\d+\\.{Regex.Escape(extension)}$", download.SuggestedFilename);
            Assert.NotEmpty(bytes);
            var response = await page.APIRequest.GetAsync(await link.GetAttributeAsync("href") ?? "");
            Assert.Equal(200, response.Status);
            var contentType = response.Headers["content-type"];
            switch (format)
            {
                case "docx":
                    Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", contentType);
                    Assert.Contains("word/document.xml", ZipEntries(bytes));
                    break;
                case "csv":
                    // A data package: the tables as CSV files with their description, zipped.
                    Assert.Equal("application/zip", contentType);
                    Assert.Contains(ZipEntries(bytes), e => e.EndsWith(".csv", StringComparison.Ordinal));
                    break;
                case "html":
                    Assert.StartsWith("text/html", contentType, StringComparison.Ordinal);
                    Assert.Contains("<html", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
                    break;
                case "json":
                    Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
                    using (var json = JsonDocument.Parse(bytes))
                        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
                    break;
                case "tsv":
                    Assert.StartsWith("text/tab-separated-values", contentType, StringComparison.Ordinal);
                    Assert.Contains('\t', Encoding.UTF8.GetString(bytes));
                    break;
            }
        }
        await page.Context.CloseAsync();
    }

    /// <summary>The entries of a ZIP file; throws when the bytes are not one (they must start with "PK").</summary>
    static List<string> ZipEntries(byte[] bytes)
    {
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
