using System.Net.Http.Json;
using System.Text.Json;

namespace CityActors.Silo.Tests;

/// <summary>The dashboard shows the silo's own city unless told otherwise.</summary>
public sealed class DashboardCityTests
{
    [Fact]
    public async Task Dashboard_CityNotSet_ShowsTheCityTheSiloRuns()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-dashboard-city-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
                ["City__Name"] = "berdychiv",
                ["City__Simulator__Enabled"] = "false",
                ["Dashboard__RequireSignIn"] = "false",
            });
            var listed = await silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/facilities?limit=10000");
            var keys = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToHashSet(StringComparer.Ordinal);

            var page = await silo.Http.GetStringAsync("/facilities");

            Assert.NotEmpty(keys);
            Assert.Contains(keys, page.Contains);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
