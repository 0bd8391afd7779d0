namespace CityActors.Silo.Tests;

/// <summary>The embedded default loads the shipped 2025 Concept report at the first start only.</summary>
public sealed class ConceptAtStartTests
{
    [Fact]
    public async Task Silo_FirstStart_ImportsTheConceptReportAndASecondStartDoesNot()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-concept-");
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
            ["City__Simulator__Enabled"] = "false",
        };
        try
        {
            string first;
            await using (var silo = await SiloProcess.StartAsync(environment))
                first = silo.Output;
            string second;
            await using (var silo = await SiloProcess.StartAsync(environment))
                second = silo.Output;

            Assert.Contains("Concept report zhytomyr-concept-report-2025.txt imported for zhytomyr: 213 projects created, 0 changed, 0 unchanged", first, StringComparison.Ordinal);
            Assert.Contains("Concept of zhytomyr already imported", second, StringComparison.Ordinal);
            Assert.DoesNotContain("Concept report zhytomyr-concept-report-2025.txt imported", second, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Silo_ImportAtStartOff_ImportsNothing()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-concept-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Sqlite__DataSource"] = Path.Combine(folder.FullName, "city.db"),
                ["City__Simulator__Enabled"] = "false",
                ["City__Concept__ImportAtStart"] = "false",
            });

            Assert.DoesNotContain("Concept report", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Concept of", silo.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
