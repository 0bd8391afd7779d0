using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CityActors.Grains.Reports.Formats;

/// <summary>Writes each table as a CSV file (UTF-8, comma, RFC 4180 quoting, values as data) in one ZIP, with <c>datapackage.json</c> describing every data set's fields.</summary>
/// <remarks>The description follows the Frictionless Data Package and Table Schema, the form open-data portals read.</remarks>
public static class CsvReportWriter
{
    static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tables = ReportTables.All(report);
        var date = DocxReportWriter.ZipDate(report.AsOf);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "datapackage.json", JsonSerializer.SerializeToUtf8Bytes(Describe(report, tables), s_json), date);
            foreach (var table in tables)
                Add(zip, table.Name + ".csv", Encoding.UTF8.GetBytes(Csv(table)), date);
        }
        return output.ToArray();
    }

    /// <summary>One table as CSV text: a header row of field names, then the values as data.</summary>
    public static string Csv(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(c => Quote(c.Name))).Append("\r\n");
        foreach (var row in table.Rows)
            csv.AppendJoin(',', row.Select(c => Quote(c.Data))).Append("\r\n");
        return csv.ToString();
    }

    static object Describe(AnnualReport report, IReadOnlyList<ReportTable> tables) => new
    {
        profile = "tabular-data-package",
        name = $"zhytomyr-annual-report-{report.Year.ToString(CultureInfo.InvariantCulture)}",
        title = $"Звіт про розвиток міста Житомира за {report.Year.ToString(CultureInfo.InvariantCulture)} рік",
        version = report.Version.ToString(CultureInfo.InvariantCulture),
        created = report.AsOf.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        hash = "sha256:" + report.ContentHash,
        description = DocxReportWriter.Stamp(report),
        resources = tables.Select(t => new
        {
            name = t.Name,
            path = t.Name + ".csv",
            profile = "tabular-data-resource",
            title = t.Title,
            description = t.Description,
            format = "csv",
            mediatype = "text/csv",
            encoding = "utf-8",
            dialect = new { delimiter = ",", quoteChar = "\"", lineTerminator = "\r\n", header = true },
            schema = new
            {
                fields = t.Columns.Select(c => new { name = c.Name, title = c.Title, type = c.Type, description = c.Description }),
                missingValues = new[] { "" },
            },
        }),
    };

    static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset date)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = date;
        using var stream = entry.Open();
        stream.Write(content);
    }

    static string Quote(string value) => value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
