using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Turns a raw cell of the converted document into plain text: no tags, no entities, one space between words.</summary>
static partial class CellText
{
    /// <summary>Plain text of a cell; paragraphs (<c>&lt;p&gt;</c>, <c>&lt;br&gt;</c>) become <c>\n</c> or a space.</summary>
    public static string Clean(string raw, bool keepParagraphs)
    {
        if (raw.Length == 0)
            return raw;
        var text = raw;
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = BlockTag().Replace(text, "\n");
            text = InlineTag().Replace(text, string.Empty);
        }
        // Tags go first so that an encoded "&lt;p&gt;" stays text instead of becoming markup.
        if (text.Contains('&', StringComparison.Ordinal))
            text = WebUtility.HtmlDecode(text);
        return CollapseWhitespace(text, keepParagraphs ? '\n' : ' ');
    }

    /// <summary>Removes the heading markup a converter left around a line: <c>### </c>, <c>*…*</c>, <c>**…**</c>, <c>_…_</c>.</summary>
    public static string StripHeadingMarkup(string text)
    {
        while (true)
        {
            var stripped = text;
            var match = MarkdownHeading().Match(stripped);
            if (match.Success)
                stripped = match.Groups["text"].Value;
            match = MarkdownEmphasis().Match(stripped);
            if (match.Success)
                stripped = match.Groups["text"].Value;
            stripped = stripped.Trim();
            if (stripped == text)
                return text;
            text = stripped;
        }
    }

    /// <summary>Single spaces inside each paragraph, no empty paragraphs, paragraphs joined by <paramref name="paragraphSeparator"/>.</summary>
    static string CollapseWhitespace(string text, char paragraphSeparator)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                pendingBreak = builder.Length > 0;
                pendingSpace = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0 && !pendingBreak;
            }
            else
            {
                if (pendingBreak)
                    builder.Append(paragraphSeparator);
                else if (pendingSpace)
                    builder.Append(' ');
                pendingBreak = false;
                pendingSpace = false;
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"</?(?:p|div|li|tr)\b[^<>]*>|<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^(?<mark>\*{1,2}|_{1,2})(?<text>\S(?:.*\S)?)\k<mark>$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownEmphasis();
}
