using System.IO.Compression;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CityActors.Grains.Reports.Formats;

/// <summary>Writes the report as a Word document: headings with outline levels, real tables with header rows repeated on each page.</summary>
/// <remarks>
/// The package is repacked with every entry stamped with the report's moment, so the same report gives the same bytes
/// (System.IO.Packaging would stamp entries with the time of writing).
/// </remarks>
public static class DocxReportWriter
{
    const string TableWidth = "5000"; // fiftieths of a percent: the full text width

    public static byte[] Write(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var package = new MemoryStream();
        using (var document = WordprocessingDocument.Create(package, WordprocessingDocumentType.Document))
        {
            // Named relationship ids: generated ones are random, and the same report must give the same bytes.
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rIdDocument");
            main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = ReportStyles();
            var body = new Body();
            Fill(body, report);
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 851, Bottom = 851, Left = 1134, Right = 851, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return Repack(package.ToArray(), report.AsOf);
    }

    static void Fill(Body body, AnnualReport report)
    {
        var year = report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        body.Append(Paragraph($"Звіт про розвиток міста Житомира за {year} рік", "Title"));
        body.Append(Paragraph(Stamp(report), null));
        body.Append(Paragraph("Частина перша. Виконання Концепції інтегрованого розвитку м. Житомира до 2030 року", "Heading1"));
        foreach (var priority in report.Concept.Priorities)
        {
            body.Append(Paragraph($"{ReportPatterns.TitlePrefix} \"{priority.Title}\"", "Heading2"));
            body.Append(Paragraph($"{ReportPatterns.Subtitle} за {year} рік", null));
            body.Append(PriorityTable(priority, year));
            if (ReportTables.PriorityMoney(report, priority) is { } money)
            {
                // Under the priority's heading: a caption, not a heading of its own.
                body.Append(Paragraph(money.Title, null, bold: true));
                body.Append(Table(money));
            }
        }
        foreach (var table in ReportTables.PartOne(report))
            Titled(body, table);
        body.Append(Paragraph("Частина друга. Робота об'єктів міста", "Heading1"));
        foreach (var table in ReportTables.PartTwo(report))
            Titled(body, table);
        body.Append(Paragraph("Частина третя. Звітність виконавчих органів", "Heading1"));
        foreach (var table in ReportTables.PartThree(report))
        {
            body.Append(Paragraph(table.Description, null));
            body.Append(Table(table));
        }
    }

    static void Titled(Body body, ReportTable table)
    {
        body.Append(Paragraph(table.Title, "Heading2"));
        body.Append(Paragraph(table.Description, null));
        body.Append(Table(table));
    }

    public static string Stamp(AnnualReport report) =>
        $"Версія {report.Version}. Станом на {UkrainianFormat.DateTime(report.AsOf)} (Київ). Враховано подій журналу: {UkrainianFormat.Integer(report.Sequence)}; "
        + $"змін стану об'єктів за рік: {UkrainianFormat.Quantity(report.Counts.StatusChanges)}, відмов: {UkrainianFormat.Integer(report.Counts.Outages)}, "
        + $"тривог: {UkrainianFormat.Integer(report.Counts.Alarms)}, звітів проєктів: {UkrainianFormat.Integer(report.Counts.ProjectReports)}. "
        + $"Контрольна сума SHA-256: {report.ContentHash}.";

    static Table PriorityTable(ConceptPriority priority, string year)
    {
        var table = NewTable([6, 22, 20, 18, 34]);
        table.Append(Row(true, ReportPatterns.NumberHeader, ReportPatterns.TaskHeader, ReportPatterns.ProjectHeader, ReportPatterns.DepartmentHeader,
            $"{ReportPatterns.StatusHeaderPrefix} {year} рік"));
        foreach (var goal in priority.Goals)
        {
            var heading = $"{ReportPatterns.GoalHeadingPrefix} {goal.Number}" + (goal.Title.Length > 0 ? ". " + goal.Title : "");
            table.Append(new TableRow(new TableCell(
                new TableCellProperties(new GridSpan { Val = 5 }, new Shading { Val = ShadingPatternValues.Clear, Fill = "EDEDED", Color = "auto" }),
                Paragraph(heading, null, bold: true))));
            foreach (var task in goal.Tasks)
            {
                var number = task.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (task.Projects.Count == 0)
                    table.Append(Row(false, number, task.Description, "", "", ""));
                for (var i = 0; i < task.Projects.Count; i++)
                {
                    var project = task.Projects[i];
                    table.Append(Row(false, i == 0 ? number : "", i == 0 ? task.Description : "", project.Name,
                        string.Join(", ", project.Departments.Select(d => d.RawSpelling)), project.StatusText));
                }
            }
        }
        return table;
    }

    static Table Table(ReportTable data)
    {
        var table = NewTable([.. data.Columns.Select(_ => 100 / data.Columns.Count)]);
        table.Append(Row(true, [.. data.Columns.Select(c => c.Title)]));
        for (var i = 0; i < data.Rows.Count; i++)
            table.Append(Row(data.LastRowIsTotal && i == data.Rows.Count - 1, [.. data.Rows[i].Select(c => c.Text)], header: false));
        return table;
    }

    static Table NewTable(int[] percents)
    {
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportTable" },
            new TableWidth { Width = TableWidth, Type = TableWidthUnitValues.Pct },
            borders,
            new TableLayout { Type = TableLayoutValues.Fixed }));
        // Grid columns in twips of the landscape text width (14853).
        table.Append(new TableGrid([.. percents.Select(p => new GridColumn { Width = (p * 14853 / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) })]));
        return table;
    }

    static TableRow Row(bool bold, params string[] cells) => Row(bold, cells, header: bold);

    static TableRow Row(bool bold, string[] cells, bool header)
    {
        var row = new TableRow();
        if (header)
            row.Append(new TableRowProperties(new TableHeader()));
        foreach (var text in cells)
        {
            var cell = new TableCell();
            foreach (var paragraph in text.Split('\n'))
                cell.Append(Paragraph(paragraph, null, bold));
            row.Append(cell);
        }
        return row;
    }

    static Paragraph Paragraph(string text, string? style, bool bold = false)
    {
        var paragraph = new Paragraph();
        if (style is not null)
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        var run = new Run();
        if (bold)
            run.Append(new RunProperties(new Bold()));
        run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        paragraph.Append(run);
        return paragraph;
    }

    /// <summary>XML 1.0 cannot hold most control characters; a report text is never meant to carry them.</summary>
    static string Clean(string text) => text.Any(c => char.IsControl(c) && c != '\t') ? new string([.. text.Where(c => !char.IsControl(c) || c == '\t')]) : text;

    static Styles ReportStyles()
    {
        static Style Paragraph(string id, string name, int halfPoints, bool bold, int? outline, string? basedOn = "Normal")
        {
            // Children in the schema's order: fonts, bold, size.
            var run = new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" });
            if (bold)
                run.Append(new Bold());
            run.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { Before = outline is null ? "0" : "240", After = "120" });
            if (outline is { } level)
            {
                paragraph.PrependChild(new KeepNext());
                paragraph.Append(new OutlineLevel { Val = level });
            }
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
            style.Append(new StyleName { Val = name });
            if (basedOn is not null)
                style.Append(new BasedOn { Val = basedOn });
            if (outline is not null)
                style.Append(new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
            style.Append(paragraph, run);
            return style;
        }
        var normal = Paragraph("Normal", "Normal", 22, false, null, basedOn: null);
        normal.Default = true;
        var table = new Style(new StyleName { Val = "Report Table" }, new BasedOn { Val = "TableNormal" }) { Type = StyleValues.Table, StyleId = "ReportTable" };
        var tableNormal = new Style(new StyleName { Val = "Normal Table" }, new PrimaryStyle(),
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true };
        return new Styles(
            normal,
            Paragraph("Title", "Title", 36, true, null),
            Paragraph("Heading1", "heading 1", 30, true, 0),
            Paragraph("Heading2", "heading 2", 26, true, 1),
            tableNormal,
            table);
    }

    /// <summary>Copies the package's entries, in order, into a new ZIP with every entry dated <paramref name="stamp"/>.</summary>
    static byte[] Repack(byte[] package, DateTimeOffset stamp)
    {
        var date = ZipDate(stamp);
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = date;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>ZIP dates are local wall-clock times from 1980 on; the report's moment in Kyiv, at that offset.</summary>
    public static DateTimeOffset ZipDate(DateTimeOffset stamp)
    {
        var local = KyivCalendar.LocalTime(stamp);
        if (local.Year < 1980)
            local = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeSpan.Zero);
    }
}
