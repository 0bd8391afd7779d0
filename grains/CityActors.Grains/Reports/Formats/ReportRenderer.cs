using System.Globalization;
using System.Text;
using System.Text.Json;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Reports.Formats;

/// <summary>Renders a report in one of <see cref="ReportFormat.All"/>; the same report always gives the same bytes.</summary>
public static class ReportRenderer
{
    static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReportFile Render(AnnualReport report, string format)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (content, type) = format switch
        {
            ReportFormat.Docx => (DocxReportWriter.Write(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ReportFormat.Html => (HtmlReportWriter.Write(report), "text/html; charset=utf-8"),
            ReportFormat.Csv => (CsvReportWriter.Write(report), "application/zip"),
            ReportFormat.Json => (JsonSerializer.SerializeToUtf8Bytes(report, s_json), "application/json"),
            ReportFormat.Tsv => (Encoding.UTF8.GetBytes(new ConceptDocumentWriter().Write(report.Concept)), "text/tab-separated-values; charset=utf-8"),
            _ => throw new ValidationException("format", $"'{format}' is not a report format; use one of {string.Join(", ", ReportFormat.All)}."),
        };
        var name = $"zvit-{report.Year.ToString(CultureInfo.InvariantCulture)}-v{report.Version.ToString(CultureInfo.InvariantCulture)}.{(format == ReportFormat.Csv ? "csv.zip" : format)}";
        return new ReportFile(name, type, content, report.Version, report.ContentHash);
    }
}
