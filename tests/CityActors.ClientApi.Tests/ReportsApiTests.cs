using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityActors.Client.Cli;
using CityActors.ClientApi.Tests.Support;

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

    static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
