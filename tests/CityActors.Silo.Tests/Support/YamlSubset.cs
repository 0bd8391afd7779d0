namespace CityActors.Silo.Tests;

/// <summary>
/// Reads the block-style YAML the deployment files use: nested mappings, sequences of scalars or mappings, quoted or
/// plain scalars, comments. A mapping becomes a dictionary, a sequence a list, anything else (flow sequences included)
/// a string. Enough to check a compose file's structure without a YAML library.
/// </summary>
public static class YamlSubset
{
    public static Dictionary<string, object> Parse(string text)
    {
        var lines = text.Split('\n')
            .Select((line, index) => (Line: StripComment(line.TrimEnd('\r')), Number: index + 1))
            .Where(l => l.Line.Trim().Length > 0)
            .Select(l => (Indent: l.Line.Length - l.Line.TrimStart(' ').Length, Text: l.Line.Trim(), l.Number))
            .ToList();
        var position = 0;
        return (Dictionary<string, object>)Block(lines, ref position, 0);
    }

    static object Block(List<(int Indent, string Text, int Number)> lines, ref int position, int indent)
    {
        if (lines[position].Text.StartsWith("- ", StringComparison.Ordinal) || lines[position].Text == "-")
        {
            var list = new List<object>();
            while (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith('-'))
            {
                var item = lines[position].Text[1..].Trim();
                if (item.Contains(": ", StringComparison.Ordinal) || item.EndsWith(':'))
                {
                    // "- key: value" opens a mapping whose further keys sit two columns right of the dash.
                    lines[position] = (indent + 2, item, lines[position].Number);
                    list.Add(Block(lines, ref position, indent + 2));
                }
                else
                {
                    list.Add(Scalar(item));
                    position++;
                }
            }
            return list;
        }
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        while (position < lines.Count && lines[position].Indent == indent)
        {
            var (_, text, number) = lines[position];
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new FormatException($"line {number}: expected 'key: value', found '{text}'");
            var key = Scalar(text[..colon]);
            var value = text[(colon + 1)..].Trim();
            position++;
            if (value.Length > 0)
                map[key] = Scalar(value);
            else if (position < lines.Count && lines[position].Indent > indent)
                map[key] = Block(lines, ref position, lines[position].Indent);
            else if (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith('-'))
                map[key] = Block(lines, ref position, indent);
            else
                map[key] = "";
        }
        return map;
    }

    static string Scalar(string text)
    {
        text = text.Trim();
        return text.Length >= 2 && (text[0] == '"' && text[^1] == '"' || text[0] == '\'' && text[^1] == '\'') ? text[1..^1] : text;
    }

    static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }
        return line;
    }
}
