using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityActors.Client.Cli;
using CityActors.ClientApi.Contracts;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Projects;

namespace CityActors.ClientApi.Tests;

/// <summary>The annual report over HTTP and through cityctl, on a silo that imported the 2025 Concept at its first start.</summary>
public sealed class ReportsApiTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    [Fact]
    public async Task Build_ThenEveryFormat_DownloadsWithoutAKey()
    {
        await silo.EventuallyAsync(async () => (await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/concept")).GetProperty("priorities").GetArrayLength() > 0, "the Concept imported");
        using var build = await silo.Raw(ApiSilo.AdminKey).PostAsync("/api/v1/reports/2025/build", null);
        var version = await build.Content.ReadFromJsonAsync<JsonElement>();

        using var docx = await silo.Raw(null).GetAsync("/api/v1/reports/2025.docx");
        using var html = await silo.Raw(null).GetAsync("/api/v1/reports/2025.html");
        using var tsv = await silo.Raw(null).GetAsync("/api/v1/reports/2025.tsv");
        var versions = await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/reports/2025/versions");

        Assert.Equal(HttpStatusCode.OK, build.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await docx.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Contains("Інформація про виконання завдань та реалізацію проєктів пріоритету", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Бізнес-платформа", Encoding.UTF8.GetString(await tsv.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(version.GetProperty("contentHash").GetString(), versions[versions.GetArrayLength() - 1].GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task Csv_WithoutAKey_IsAZipOfTablesDescribedByItsDataPackage()
    {
        await ConceptImportedAsync();

        using var csv = await silo.Raw(null).GetAsync("/api/v1/reports/2025.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("application/zip", csv.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^zvit-2025-v\d+\.csv\.zip$", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var package = JsonDocument.Parse(zip.GetEntry("datapackage.json")!.Open());
        var resources = package.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["concept", "concept-summary", "concept-money", "operations", "operations-by-district", "operations-by-department", "shelters", "departments"],
            resources.Select(r => r.GetProperty("name").GetString()));
        foreach (var resource in resources)
        {
            using var reader = new StreamReader(zip.GetEntry(resource.GetProperty("path").GetString()!)!.Open(), Encoding.UTF8);
            var header = (await reader.ReadLineAsync())!;
            Assert.Equal(string.Join(',', resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString())), header);
        }
    }

    [Fact]
    public async Task Json_AfterAProjectReportsMoney_CarriesTheAmountAndTheTotals()
    {
        await ConceptImportedAsync();
        var project = (await silo.Admin.ListProjectsAsync(position: "p6"))[0];
        await silo.Admin.SubmitProjectReportAsync(project.Key, 2025,
            new ProjectReportRequest("Облаштовано 12 пандусів", ProjectStatusClass.Implemented, 100, 1_500_000m, 1_234_567.89m));

        using var build = await silo.Raw(ApiSilo.AdminKey).PostAsync("/api/v1/reports/2025/build", null);
        using var json = await silo.Raw(null).GetAsync("/api/v1/reports/2025.json");
        using var report = JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, build.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var root = report.RootElement;
        Assert.Equal(2025, root.GetProperty("Year").GetInt32());
        Assert.Equal($"\"{root.GetProperty("ContentHash").GetString()}\"", json.Headers.ETag!.Tag);
        Assert.Equal(6, root.GetProperty("Concept").GetProperty("Priorities").GetArrayLength());
        var money = root.GetProperty("Money");
        var row = Assert.Single(money.GetProperty("Rows").EnumerateArray());
        Assert.Equal(project.Position, row.GetProperty("Key").GetString());
        Assert.Equal(1_500_000m, money.GetProperty("City").GetProperty("Planned").GetDecimal());
        Assert.Equal(1_234_567.89m, money.GetProperty("Priorities")[5].GetProperty("Totals").GetProperty("Spent").GetDecimal());
    }

    [Fact]
    public async Task Get_YearWithNoVersionYet_BuildsTheFirst_AndKeepsVersionForOlderOnes()
    {
        await ConceptImportedAsync();
        var before = await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/reports/2024/versions");

        using var badFormat = await silo.Raw(null).GetAsync("/api/v1/reports/2024.pdf");
        var afterBadFormat = await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/reports/2024/versions");
        using var html = await silo.Raw(null).GetAsync("/api/v1/reports/2024.html");
        using var again = await silo.Raw(null).GetAsync("/api/v1/reports/2024.html");
        using var first = await silo.Raw(null).GetAsync("/api/v1/reports/2024.html?version=1");
        using var unknown = await silo.Raw(null).GetAsync("/api/v1/reports/2024.html?version=2");
        var after = await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/reports/2024/versions");

        Assert.Equal(0, before.GetArrayLength());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFormat.StatusCode);
        Assert.Equal(0, afterBadFormat.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("Звіт про розвиток міста Житомира за 2024 рік", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(await html.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(await html.Content.ReadAsByteArrayAsync(), await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, after.GetArrayLength());
    }

    [Fact]
    public async Task BadYearFormatOrMissingReport_AreProblems()
    {
        using var format = await silo.Raw(null).GetAsync("/api/v1/reports/2025.pdf");
        using var year = await silo.Raw(null).GetAsync("/api/v1/reports/1999.html");
        using var missing = await silo.Raw(null).GetAsync("/api/v1/reports/2031.html");
        using var anonymousBuild = await silo.Raw(null).PostAsync("/api/v1/reports/2025/build", null);

        Assert.Equal("format", (await Problem(format)).GetProperty("field").GetString());
        Assert.Equal("year", (await Problem(year)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.True(anonymousBuild.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CityCtlReport_WritesTheFile()
    {
        using (await silo.Raw(ApiSilo.AdminKey).PostAsync("/api/v1/reports/2025/build", null)) { }
        var file = Path.Combine(Path.GetTempPath(), $"zvit-{Guid.NewGuid():N}.html");
        try
        {
            var code = await CityCtl.RunAsync(["report", "2025", "--format", "html", "-o", file, "--url", silo.Process.Address.ToString()]);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("<html", await File.ReadAllTextAsync(file), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    Task ConceptImportedAsync() => silo.EventuallyAsync(
        async () => (await silo.Raw(null).GetFromJsonAsync<JsonElement>("/api/v1/concept")).GetProperty("priorities").GetArrayLength() > 0, "the Concept imported");

    static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
