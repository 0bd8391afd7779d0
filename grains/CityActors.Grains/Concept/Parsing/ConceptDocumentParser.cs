using System.Globalization;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Reads the tab-separated Concept implementation report into a <see cref="ConceptDocument"/>.</summary>
/// <remarks>
/// A table per priority: a title naming the priority, a header row stating the year, then goal headings and
/// five-column rows (number, task, project, department, status). The converted files shift cells, drop cells,
/// wrap headings in HTML or markdown and split reports over continuation rows; each repair is reported as a warning.
/// </remarks>
public sealed class ConceptDocumentParser(ConceptParseOptions? options = null)
{
    const int Columns = 5;
    readonly ConceptParseOptions _options = options ?? ConceptParseOptions.Default;

    /// <summary>Reads UTF-8 bytes; invalid UTF-8 is an error naming its line.</summary>
    public ConceptParseResult Parse(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        string? text;
        ParseError? error;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            text = Utf8Input.Decode(buffer.AsSpan((int)memory.Position), fileName, out error);
        }
        else
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text = Utf8Input.Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length), fileName, out error);
        }
        return text is null ? new ConceptParseResult(null, [error!], []) : Parse(text, fileName);
    }

    public ConceptParseResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new List<ParseError>();
        var warnings = new List<ParseWarning>();
        var builder = new DocumentBuilder(fileName, _options.Departments, errors, warnings);

        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (!CheckCharacters(line, fileName, lineNumber, errors))
                continue;
            ReadLine(line.TrimEnd('\r'), lineNumber, builder, fileName, errors, warnings);
        }

        var classifier = _options.StatusOverrides.Count > 0
            ? _options.Classifier.WithOverrides(_options.StatusOverrides)
            : _options.Classifier;
        var document = builder.Build(classifier);
        var lines = document is null ? [] : builder.EntryLines(document);
        if (errors.Count > 0 && !_options.AllowPartial)
            return new ConceptParseResult(null, errors, warnings);
        return new ConceptParseResult(document, errors, warnings) { Lines = lines, TableLines = document is null ? [] : builder.TableLines(document) };
    }

    /// <summary>Like <see cref="Parse(string, string)"/> but throws <see cref="ConceptParseException"/> on any error.</summary>
    public ConceptDocument ParseOrThrow(string text, string fileName) => OrThrow(Parse(text, fileName));

    /// <summary>Like <see cref="Parse(Stream, string)"/> but throws <see cref="ConceptParseException"/> on any error.</summary>
    public ConceptDocument ParseOrThrow(Stream stream, string fileName) => OrThrow(Parse(stream, fileName));

    static ConceptDocument OrThrow(ConceptParseResult result) =>
        result.Errors.Count > 0 || result.Document is null
            ? throw new ConceptParseException(result.Errors)
            : result.Document;

    void ReadLine(string line, int lineNumber, DocumentBuilder builder, string file, List<ParseError> errors, List<ParseWarning> warnings)
    {
        var cells = line.Split('\t');
        for (var i = 0; i < cells.Length; i++)
            cells[i] = CellText.Clean(cells[i], keepParagraphs: true);

        // Blank lines, rows of empty cells and separator rows ("--", "---") carry nothing.
        if (cells.All(c => c.Length == 0 || ReportPatterns.Separator().IsMatch(c)))
            return;

        if (cells.Skip(1).All(c => c.Length == 0))
        {
            ReadTextLine(CellText.StripHeadingMarkup(OneLine(cells[0])), lineNumber, builder);
            return;
        }

        if (ReportPatterns.HeaderCell().IsMatch(cells[0]) || ReportPatterns.HeaderCell().IsMatch(cells[1]))
        {
            builder.Header(string.Join(' ', cells), lineNumber);
            return;
        }

        var row = ToFiveColumns(cells, lineNumber, file, errors, warnings);
        if (row is null)
            builder.RowFailed(wasTaskRow: cells[0].Length > 0 || cells[1].Length > 0);
        else
            builder.DataRow(OneLine(row[0]), OneLine(row[1]), OneLine(row[2]), OneLine(row[3]), row[4], lineNumber);
    }

    static void ReadTextLine(string text, int lineNumber, DocumentBuilder builder)
    {
        var title = ReportPatterns.Title().Match(text);
        if (title.Success)
        {
            builder.StartTable(title.Groups["name"].Value.Trim(), lineNumber, YearIn(text));
            return;
        }
        if (ReportPatterns.SubtitleLine().IsMatch(text))
        {
            if (YearIn(text) is { } year)
                builder.SubtitleYear(year, lineNumber);
            return;
        }
        builder.TextLine(text, lineNumber);
    }

    /// <summary>The cells as number, task, project, department, status; null (with an error) when the row cannot be read.</summary>
    string[]? ToFiveColumns(string[] cells, int lineNumber, string file, List<ParseError> errors, List<ParseWarning> warnings)
    {
        var count = cells.Length;
        while (count > Columns && cells[count - 1].Length == 0)
            count--;
        if (count > Columns)
        {
            errors.Add(new ParseError(file, lineNumber, $"the row has {count} cells; a report row has {Columns}"));
            return null;
        }
        if (count < Columns - 1 || (count == Columns - 1 && cells[0].Length > 0))
        {
            errors.Add(new ParseError(file, lineNumber, $"the row has {count} cells where a report row has {Columns} (truncated row?)"));
            return null;
        }
        if (count == Columns - 1)
        {
            // The converter dropped one of the empty leading cells of a project or continuation row.
            warnings.Add(new ParseWarning(file, lineNumber, "the row has four cells; read as missing its empty number cell"));
            return [string.Empty, .. cells[..count]];
        }
        var row = cells[..Columns];
        if (row[4].Length == 0 && row[3].Length > 0
            && !ReportPatterns.Number().IsMatch(row[0])
            && !_options.Departments.LooksLikeDepartmentList(OneLine(row[3])))
        {
            // Report text in the department column and nothing after it: the whole row stands one column to the left.
            warnings.Add(new ParseWarning(file, lineNumber, "the row stands one column to the left (report text in the department column); realigned"));
            return [string.Empty, row[0], row[1], row[2], row[3]];
        }
        return row;
    }

    static bool CheckCharacters(string line, string file, int lineNumber, List<ParseError> errors)
    {
        if (line.Contains('\uFFFD', StringComparison.Ordinal))
        {
            errors.Add(new ParseError(file, lineNumber, "replacement character U+FFFD: the text was decoded with the wrong encoding"));
            return false;
        }
        if (line.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new ParseError(file, lineNumber, "NUL character: not a text file"));
            return false;
        }
        return true;
    }

    static int? YearIn(string text)
    {
        var match = ReportPatterns.Year().Match(text);
        return match.Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
    }

    // Only the report column keeps paragraph breaks; names, numbers and departments are one line each.
    static string OneLine(string cell) => cell.Replace('\n', ' ');
}
