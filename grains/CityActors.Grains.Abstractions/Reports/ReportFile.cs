namespace CityActors.Grains.Reports;

/// <summary>A rendered report: a file name such as <c>zvit-2025-v1.docx</c>, its media type and its bytes.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content, int Version, string ContentHash);

/// <summary>The formats a report renders to.</summary>
public static class ReportFormat
{
    /// <summary>Word document with headings and real tables.</summary>
    public const string Docx = "docx";

    /// <summary>Printable HTML page.</summary>
    public const string Html = "html";

    /// <summary>A ZIP of one CSV per table and <c>datapackage.json</c> describing each data set's fields.</summary>
    public const string Csv = "csv";

    /// <summary>The whole report as JSON.</summary>
    public const string Json = "json";

    /// <summary>Part one in the tab-separated form of the city's Concept report, which the importer reads.</summary>
    /// <remarks>The city's form has no column for money, so the amounts are in the other formats only.</remarks>
    public const string Tsv = "tsv";

    public static IReadOnlyList<string> All { get; } = [Docx, Html, Csv, Json, Tsv];

    /// <exception cref="ValidationException">Not one of <see cref="All"/>.</exception>
    public static void Check(string? format)
    {
        if (format is null || !All.Contains(format))
            throw new ValidationException("format", $"'{format}' is not a report format; use one of {string.Join(", ", All)}.");
    }
}

/// <summary>The report, or the version asked for, does not exist.</summary>
public sealed class ReportNotFoundException(string message) : Exception(message);
