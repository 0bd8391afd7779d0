using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Splits a department cell into bodies and maps each spelling to its canonical department.</summary>
public sealed partial class DepartmentNames
{
    readonly Dictionary<string, CanonicalDepartment> _byKey;

    public DepartmentNames(IEnumerable<CanonicalDepartment> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        Canonical = [.. departments];
        _byKey = new Dictionary<string, CanonicalDepartment>(StringComparer.Ordinal);
        foreach (var department in Canonical)
        {
            foreach (var spelling in department.Aliases.Prepend(department.Name))
            {
                if (!_byKey.TryAdd(Key(spelling), department))
                    throw new ArgumentException($"The spelling \"{spelling}\" belongs to two departments.", nameof(departments));
            }
        }
    }

    /// <summary>The departments of Zhytomyr City Council as the Concept report names them.</summary>
    public static DepartmentNames Default { get; } = new(DepartmentCatalog.Zhytomyr);

    public IReadOnlyList<CanonicalDepartment> Canonical { get; }

    /// <summary>The bodies of a cell in order. Commas inside a name ("сім'ї, молоді та спорту") do not split it.</summary>
    public static IReadOnlyList<string> Split(string cell)
    {
        var parts = new List<string>();
        foreach (var part in ListSeparator().Split(cell))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
                parts.Add(trimmed);
        }
        return parts;
    }

    /// <summary>The department a spelling names; an unknown body keeps its own name and gets a transliterated id.</summary>
    public DepartmentRef Resolve(string rawSpelling)
    {
        ArgumentNullException.ThrowIfNull(rawSpelling);
        var key = Key(rawSpelling);
        if (_byKey.TryGetValue(key, out var known))
            return new DepartmentRef(known.Id, known.Name, rawSpelling);
        var name = rawSpelling.Trim().TrimEnd('.', ',', ';').Trim();
        if (name.Length > 0)
            name = char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
        return new DepartmentRef(Transliteration.Slug(key), name, rawSpelling);
    }

    public bool IsKnown(string rawSpelling) => _byKey.ContainsKey(Key(rawSpelling));

    /// <summary>Whether a cell reads as a list of bodies rather than as report text; used to realign shifted rows.</summary>
    public bool LooksLikeDepartmentList(string cell)
    {
        var parts = Split(cell);
        return parts.Count > 0 && parts.All(p => p.Length <= 200 && (IsKnown(p) || DepartmentStart().IsMatch(p)));
    }

    /// <summary>The comparison form of a spelling: lower case, one kind of quote and apostrophe, no "міської ради".</summary>
    static string Key(string spelling)
    {
        var builder = new StringBuilder(spelling.Length);
        var space = false;
        foreach (var c in spelling.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
                builder.Append(' ');
            space = false;
            builder.Append(c switch
            {
                '’' or 'ʼ' or '`' or '′' => '\'',
                '«' or '»' or '“' or '”' or '„' => '"',
                _ => c,
            });
        }
        var key = builder.ToString().TrimEnd('.', ',', ';', ' ');
        key = CityAbbreviation().Replace(key, "м.");
        return CouncilSuffix().Replace(key, string.Empty);
    }

    // The words a body's name starts with; "Управлінням …" (instrumental case) starts report text, not a name.
    const string DepartmentWords = @"(?:управління|департамент|відділ|служба|виконавч\w*|житомирськ\w*\s+міськ\w*\s+центр|кп|ку|кнп|комунальн\w*\s+(?:підприємств\w*|установ\w*|заклад\w*)|центр\s+надання)\b";

    [GeneratedRegex(@",\s*(?=" + DepartmentWords + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    [GeneratedRegex("^" + DepartmentWords, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DepartmentStart();

    [GeneratedRegex(@"\bм\.\s+", RegexOptions.CultureInvariant)]
    private static partial Regex CityAbbreviation();

    [GeneratedRegex(@"\s+(?:житомирської\s+)?міської\s+ради$", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilSuffix();
}
