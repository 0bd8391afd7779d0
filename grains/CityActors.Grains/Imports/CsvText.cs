namespace CityActors.Grains.Imports;

/// <summary>One CSV record and the line it starts on.</summary>
sealed record CsvRow(int Line, IReadOnlyList<string> Cells);

/// <summary>RFC 4180 CSV: quoted cells may hold delimiters, quotes (doubled) and line breaks; comma or semicolon delimited.</summary>
static class CsvText
{
    /// <summary>Semicolon when the header line has more semicolons than commas (Excel in a Ukrainian locale writes them).</summary>
    public static char DelimiterOf(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>The records with their starting lines; blank lines are skipped; an unclosed quote is an error at the line it opened.</summary>
    public static List<CsvRow> Read(string text, char delimiter, string file, List<ImportError> errors)
    {
        var rows = new List<CsvRow>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var quoteLine = 0;
        var rowHasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        line++;
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    quoteLine = line;
                    rowHasContent = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    if (c == delimiter)
                    {
                        cells.Add(cell.ToString());
                        cell.Clear();
                    }
                    else
                    {
                        cell.Append(c);
                    }
                    rowHasContent = true;
                    break;
            }
        }
        if (quoted)
        {
            errors.Add(new ImportError(file, quoteLine, "a quoted cell opened here is never closed (truncated file?)"));
            return rows;
        }
        EndRow();
        return rows;

        void EndRow()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            if (rowHasContent && cells.Any(x => x.Trim().Length > 0))
                rows.Add(new CsvRow(rowLine, [.. cells]));
            cells = [];
            rowHasContent = false;
        }
    }

    /// <summary>A cell as CSV: quoted when it holds the delimiter, a quote, a line break or edge spaces.</summary>
    public static string Escape(string value, char delimiter = ',')
    {
        var needsQuotes = value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
