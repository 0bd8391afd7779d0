namespace CityActors.Grains.Concept;

/// <summary>The Concept reports shipped with CityActors as the demo's data.</summary>
public static class ConceptReports
{
    /// <summary>Zhytomyr's report for 2025 ("Інформація про виконання завдань та реалізацію проєктів … за 2025 рік"), byte for byte.</summary>
    public const string Zhytomyr2025 = "zhytomyr-concept-report-2025.txt";

    /// <summary>The bytes of a shipped report.</summary>
    /// <exception cref="FileNotFoundException">No report of that name is shipped.</exception>
    public static byte[] Read(string fileName)
    {
        using var stream = typeof(ConceptReports).Assembly.GetManifestResourceStream(fileName)
            ?? throw new FileNotFoundException($"No Concept report \"{fileName}\" is shipped with CityActors.", fileName);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
