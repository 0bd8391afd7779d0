using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Imports;

/// <summary>Project grain keys for the rows of a Concept report: the task's position and the project's name.</summary>
/// <remarks>
/// The priorities, goals and tasks are fixed by the Concept, so their positions stay; projects are keyed by name rather
/// than by row, so a project added or dropped in next year's edition does not shift the keys of the others.
/// </remarks>
static class ProjectKeys
{
    const int MaxSlug = 40;

    /// <summary>Grain key by position key (<c>p2.g1.t3.pr2</c> → <c>p2.g1.t3.biznes-platforma</c>).</summary>
    public static Dictionary<string, string> For(ConceptDocument document)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks))
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var project in task.Projects)
            {
                var stem = $"{task.Key}.{Slug(project.Name)}";
                var key = stem;
                for (var n = 2; !used.Add(key); n++)
                    key = $"{stem}-{n}";
                keys[project.Key] = key;
            }
        }
        return keys;
    }

    /// <summary>The name up to its period or first parenthesis, transliterated and cut at a word boundary; <c>report</c> for a task's own report.</summary>
    public static string Slug(string name)
    {
        if (name.Length == 0)
            return "report";
        var cut = name.Length;
        var period = ReportPatterns.Period().Match(name);
        if (period.Success)
            cut = period.Index;
        var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
        if (parenthesis > 0 && parenthesis < cut)
            cut = parenthesis;
        var slug = Transliteration.Slug(name[..cut]);
        if (slug.Length == 0)
            slug = Transliteration.Slug(name);
        if (slug.Length > MaxSlug)
        {
            var end = slug.LastIndexOf('-', MaxSlug);
            slug = slug[..(end > 0 ? end : MaxSlug)];
        }
        return slug.Length == 0 ? "project" : slug;
    }
}
