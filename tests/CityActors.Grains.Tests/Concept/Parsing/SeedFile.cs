namespace CityActors.Grains.Tests.Concept.Parsing;

/// <summary>Finds the city's real documents in <c>shared/seeds</c>, which lives beside the repository.</summary>
static class SeedFile
{
    public const string ConceptReport2025 = "000_66a48dc1a4348c1f.txt";

    static readonly Lazy<string> RealReportText = new(() => File.ReadAllText(PathOf(ConceptReport2025)));

    /// <summary>The 2025 Concept report as text, read once per test run.</summary>
    public static string ConceptReportText => RealReportText.Value;

    /// <summary>
    /// Walks up from the test's base directory; at each level looks for <c>shared/seeds</c> there and beside the
    /// folder that holds <c>CityActors.sln</c> (CI clones the repository with <c>shared/</c> next to it).
    /// </summary>
    public static string PathOf(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "seeds", fileName);
            if (File.Exists(candidate))
                return candidate;
            if (File.Exists(Path.Combine(directory.FullName, "CityActors.sln")) && directory.Parent is { } parent)
            {
                candidate = Path.Combine(parent.FullName, "shared", "seeds", fileName);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException(
            $"shared/seeds/{fileName} was not found above {AppContext.BaseDirectory} nor beside the repository root.", fileName);
    }
}
