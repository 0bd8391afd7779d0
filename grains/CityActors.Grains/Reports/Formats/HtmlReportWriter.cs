using System.Globalization;
using System.Text;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Reports.Formats;

/// <summary>Writes the report as one printable HTML page: A4 landscape, table headers repeated on each printed page.</summary>
public static class HtmlReportWriter
{
    const string Style = """
        body { font-family: "Times New Roman", serif; font-size: 11pt; margin: 1.5cm; color: #000; }
        h1 { font-size: 16pt; margin: 1.2em 0 0.4em; } h2 { font-size: 13pt; margin: 1em 0 0.3em; } h3 { font-size: 11pt; margin: 0.8em 0 0.3em; }
        p.stamp { font-size: 9pt; color: #333; }
        table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
        th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
        th { background: #f0f0f0; }
        td.number { text-align: right; white-space: nowrap; }
        tr.goal td { background: #ededed; font-weight: bold; }
        tr.total td { font-weight: bold; }
        td p { margin: 0 0 0.3em; }
        @page { size: A4 landscape; margin: 1.5cm; }
        @media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } h1, h2, h3 { break-after: avoid; } }
        """;

    public static byte[] Write(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder(1 << 20);
        html.Append("<!DOCTYPE html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Escape($"Звіт про розвиток міста Житомира за {year} рік (версія {report.Version})"))
            .Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Escape($"Звіт про розвиток міста Житомира за {year} рік")).Append("</h1>\n");
        html.Append("<p class=\"stamp\">").Append(Escape(DocxReportWriter.Stamp(report))).Append("</p>\n");
        html.Append("<h1>Частина перша. Виконання Концепції інтегрованого розвитку м. Житомира до 2030 року</h1>\n");
        foreach (var priority in report.Concept.Priorities)
        {
            Priority(html, priority, year);
            if (ReportTables.PriorityMoney(report, priority) is { } money)
                Table(html, money, "h3");
        }
        foreach (var table in ReportTables.PartOne(report))
            Table(html, table);
        html.Append("<h1>Частина друга. Робота об'єктів міста</h1>\n");
        foreach (var table in ReportTables.PartTwo(report))
            Table(html, table);
        html.Append("<h1>Частина третя. Звітність виконавчих органів</h1>\n");
        foreach (var table in ReportTables.PartThree(report))
            Table(html, table);
        html.Append("</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    static void Priority(StringBuilder html, ConceptPriority priority, string year)
    {
        html.Append("<h2>").Append(Escape($"{ReportPatterns.TitlePrefix} \"{priority.Title}\"")).Append("</h2>\n<p>")
            .Append(Escape($"{ReportPatterns.Subtitle} за {year} рік"))
            .Append("</p>\n<table>\n<colgroup><col style=\"width:4%\"><col style=\"width:20%\"><col style=\"width:16%\"><col style=\"width:15%\"><col style=\"width:45%\"></colgroup>\n<thead><tr>");
        foreach (var header in new[] { ReportPatterns.NumberHeader, ReportPatterns.TaskHeader, ReportPatterns.ProjectHeader, ReportPatterns.DepartmentHeader, $"{ReportPatterns.StatusHeaderPrefix} {year} рік" })
            html.Append("<th>").Append(Escape(header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var goal in priority.Goals)
        {
            html.Append("<tr class=\"goal\"><td colspan=\"5\">").Append(Escape($"{ReportPatterns.GoalHeadingPrefix} {goal.Number}"));
            if (goal.Title.Length > 0)
                html.Append(". ").Append(Escape(goal.Title));
            html.Append("</td></tr>\n");
            foreach (var task in goal.Tasks)
            {
                var number = task.Number.ToString(CultureInfo.InvariantCulture);
                if (task.Projects.Count == 0)
                    Row(html, number, task.Description, "", "", "");
                for (var i = 0; i < task.Projects.Count; i++)
                {
                    var project = task.Projects[i];
                    Row(html, i == 0 ? number : "", i == 0 ? task.Description : "", project.Name,
                        string.Join(", ", project.Departments.Select(d => d.RawSpelling)), project.StatusText);
                }
            }
        }
        html.Append("</tbody>\n</table>\n");
    }

    static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>");
            var paragraphs = cell.Split('\n');
            if (paragraphs.Length == 1)
                html.Append(Escape(cell));
            else
                foreach (var paragraph in paragraphs)
                    html.Append("<p>").Append(Escape(paragraph)).Append("</p>");
            html.Append("</td>");
        }
        html.Append("</tr>\n");
    }

    static void Table(StringBuilder html, ReportTable table, string heading = "h2")
    {
        html.Append('<').Append(heading).Append(" id=\"").Append(table.Name).Append("\">").Append(Escape(table.Title)).Append("</").Append(heading).Append(">\n<p>").Append(Escape(table.Description))
            .Append("</p>\n<table>\n<thead><tr>");
        foreach (var column in table.Columns)
            html.Append("<th>").Append(Escape(column.Title)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            html.Append(table.LastRowIsTotal && i == table.Rows.Count - 1 ? "<tr class=\"total\">" : "<tr>");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                html.Append(table.Columns[c].Type is "integer" or "number" ? "<td class=\"number\">" : "<td>")
                    .Append(Escape(table.Rows[i][c].Text)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"") < 0)
            return text;
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
    }
}
