using CityActors.Grains.Concept;

namespace CityActors.Grains.Imports;

/// <summary>The name of each priority of a report, repairing a table that repeats another table's title.</summary>
/// <remarks>
/// The Concept has six priorities. The 2025 edition titles its fourth table "Інноваційне місто" a second time, though
/// it holds the goals of "Активне місто" (culture, tourism, sport). When a title repeats and exactly one of the six is
/// missing, the repeated table is that one; the repair is a warning. Projects count under their priority's name, so
/// two tables under one name would merge their figures in the annual report.
/// </remarks>
static class PriorityNames
{
    /// <summary>The Concept's six priorities as the Concept (seed 003) lists them.</summary>
    public static IReadOnlyList<string> Concept { get; } =
        ["Ефективне місто", "Інноваційне місто", "Активне місто", "Комфортне місто", "Зелене місто", "Інклюзивне місто"];

    /// <summary>The name by priority key; a warning names the line of the repeating table's title (<paramref name="tableLines"/>, by priority key).</summary>
    public static Dictionary<string, string> Resolve(ConceptDocument document, IReadOnlyDictionary<string, int> tableLines, string file, List<ImportError> warnings)
    {
        var names = document.Priorities.ToDictionary(p => p.Key, p => p.Title, StringComparer.Ordinal);
        var missing = Concept.Where(c => !names.ContainsValue(c)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var priority in document.Priorities)
        {
            if (seen.Add(priority.Title))
                continue;
            var line = tableLines.GetValueOrDefault(priority.Key);
            if (missing.Count == 1)
            {
                names[priority.Key] = missing[0];
                warnings.Add(new ImportError(file, line,
                    $"table {priority.Number} repeats the title \"{priority.Title}\" of an earlier table; imported as \"{missing[0]}\", the one priority of the Concept the report lacks"));
            }
            else
            {
                warnings.Add(new ImportError(file, line,
                    $"table {priority.Number} repeats the title \"{priority.Title}\" of an earlier table; its projects count under that priority"));
            }
        }
        return names;
    }
}
