using System.Globalization;
using System.Text;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Writes a <see cref="ConceptDocument"/> in the tab-separated form of the city's report, one table per priority.</summary>
/// <remarks>
/// Reading the output with <see cref="ConceptDocumentParser"/> gives the same document. The output is the clean form:
/// every task numbered in the first column, goal headings written out, extra report paragraphs as continuation rows,
/// and no HTML apart from the entities that keep "&amp;", "&lt;" and "&gt;" literal.
/// </remarks>
public sealed class ConceptDocumentWriter
{
    public string Write(ConceptDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(document, writer);
        return writer.ToString();
    }

    public void Write(ConceptDocument document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        var year = document.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var priority in document.Priorities)
        {
            writer.WriteLine();
            writer.WriteLine($"{ReportPatterns.TitlePrefix} \"{Cell(priority.Title)}\"");
            writer.WriteLine($"{ReportPatterns.Subtitle} за {year} рік");
            writer.WriteLine();
            WriteRow(writer, ReportPatterns.NumberHeader, ReportPatterns.TaskHeader, ReportPatterns.ProjectHeader,
                ReportPatterns.DepartmentHeader, $"{ReportPatterns.StatusHeaderPrefix} {year} рік");
            foreach (var goal in priority.Goals)
                WriteGoal(writer, goal);
        }
    }

    static void WriteGoal(TextWriter writer, StrategicGoal goal)
    {
        WriteRow(writer, $"{ReportPatterns.GoalHeadingPrefix} {goal.Number.ToString(CultureInfo.InvariantCulture)}", "", "", "", "");
        if (goal.Title.Length > 0)
            WriteRow(writer, Cell(goal.Title), "", "", "", "");
        foreach (var task in goal.Tasks)
        {
            var number = task.Number.ToString(CultureInfo.InvariantCulture);
            if (task.Projects.Count == 0)
            {
                WriteRow(writer, number, Cell(task.Description), "", "", "");
                continue;
            }
            for (var i = 0; i < task.Projects.Count; i++)
            {
                var project = task.Projects[i];
                var paragraphs = project.StatusText.Split('\n');
                var departments = string.Join(", ", project.Departments.Select(d => Cell(d.RawSpelling)));
                WriteRow(writer, i == 0 ? number : "", i == 0 ? Cell(task.Description) : "", Cell(project.Name), departments, Cell(paragraphs[0]));
                foreach (var paragraph in paragraphs.Skip(1))
                    WriteRow(writer, "", "", "", "", Cell(paragraph));
            }
        }
    }

    static void WriteRow(TextWriter writer, string number, string task, string project, string department, string status)
    {
        writer.Write(number);
        writer.Write('\t');
        writer.Write(task);
        writer.Write('\t');
        writer.Write(project);
        writer.Write('\t');
        writer.Write(department);
        writer.Write('\t');
        writer.WriteLine(status);
    }

    // The reader decodes entities, so the three characters that could read as markup are written encoded.
    static string Cell(string text)
    {
        var line = Line(text);
        if (line.AsSpan().IndexOfAny('&', '<', '>') < 0)
            return line;
        var builder = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    // A cell is one line of one column: tabs and line breaks inside a value become spaces.
    static string Line(string text) =>
        text.AsSpan().IndexOfAny('\t', '\n', '\r') < 0 ? text : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
