using System.Text.RegularExpressions;

namespace CityActors.Silo.Tests;

/// <summary>docs/configuration.md names every setting the silo reads, with its default and environment variable.</summary>
public sealed partial class ConfigurationReferenceTests
{
    /// <summary>The projects a running silo is made of (cityctl, a client of its own, reads no silo settings).</summary>
    static readonly string[] s_projects =
    [
        "runtime/CityActors.Runtime", "grains/CityActors.Grains", "silo/CityActors.Silo", "dashboard/CityActors.Dashboard", "client-api/CityActors.ClientApi",
    ];

    [Fact]
    public void SettingsReadInCode_AreFound()
    {
        var settings = SettingsReadInCode();

        // The finder itself: a sample of each way settings are read (options bound to a section, nested options, a
        // dictionary, a value read directly), so that it cannot silently find nothing.
        Assert.Contains("Storage:Sqlite:DataSource", settings);
        Assert.Contains("City:Simulator:UpdatesPerSecond", settings);
        Assert.Contains("Runtime:GrainCollection:ClassSpecificCollectionAge", settings);
        Assert.Contains("Silo:ShutdownTimeout", settings);
        Assert.Contains("ClientApi:MaxBatch", settings);
        Assert.Contains("Dashboard:Reports", settings);
    }

    [Fact]
    public void EverySettingReadInCode_IsInTheReferenceWithItsDefaultAndEnvironmentVariable()
    {
        var rows = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "configuration.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .ToList();

        foreach (var setting in SettingsReadInCode())
        {
            // A dictionary or list is documented with its placeholder: `Dashboard:Reports:<n>:Format`.
            var row = rows.FirstOrDefault(r => r[0].Split(',').Select(s => s.Trim().Trim('`')).Any(s => s == setting || s.StartsWith($"{setting}:", StringComparison.Ordinal)));
            Assert.True(row is not null, $"{setting} is read by the silo but missing from docs/configuration.md");
            Assert.True(row!.Length >= 4, $"{setting}: its row needs setting, environment variable, default and meaning");
            Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), row[1], StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(row[2]), $"{setting} has no default in docs/configuration.md");
        }
    }

    /// <summary>
    /// Every setting key the silo's code reads: the properties of each options class bound with
    /// <c>AddOptions&lt;T&gt;().BindConfiguration("Section")</c> (nested options classes as sub-sections), and the keys
    /// read directly (<c>GetValue("A:B", …)</c>, <c>configuration["A:B"]</c>).
    /// </summary>
    static SortedSet<string> SettingsReadInCode()
    {
        var sources = s_projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Repository.Root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var classes = sources.SelectMany(s => ClassDeclaration().Matches(s).Select(m => (Name: m.Groups[1].Value, Body: Body(s, m.Index + m.Length))))
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Body, StringComparer.Ordinal);
        var settings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (Match bound in BoundOptions().Matches(source))
                AddProperties(bound.Groups[1].Value, bound.Groups[2].Value);
            foreach (Match read in DirectRead().Matches(source))
                settings.Add(read.Groups[1].Value);
        }
        return settings;

        void AddProperties(string type, string section)
        {
            foreach (Match property in Property().Matches(OwnBody(classes[type])))
            {
                var (propertyType, name) = (property.Groups[1].Value.TrimEnd('?'), property.Groups[2].Value);
                if (classes.TryGetValue(propertyType, out var nested) && Property().IsMatch(OwnBody(nested)))
                    AddProperties(propertyType, $"{section}:{name}");
                else
                    settings.Add($"{section}:{name}");
            }
        }
    }

    /// <summary>A class body without the classes nested in it, whose properties are theirs.</summary>
    static string OwnBody(string body)
    {
        var nested = ClassDeclaration().Match(body);
        while (nested.Success)
        {
            var inner = Body(body, nested.Index + nested.Length);
            var end = body.IndexOf(inner, nested.Index, StringComparison.Ordinal) + inner.Length + 1;
            body = body[..nested.Index] + body[end..];
            nested = ClassDeclaration().Match(body);
        }
        return body;
    }

    /// <summary>The text between the brace that opens after <paramref name="from"/> and the one that closes it.</summary>
    static string Body(string source, int from)
    {
        var open = source.IndexOf('{', from);
        if (open < 0)
            return "";
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
                return source[(open + 1)..i];
        }
        return source[(open + 1)..];
    }

    [GeneratedRegex(@"AddOptions<(\w+)>\(\)\s*\.BindConfiguration\(""([^""]+)""\)")]
    private static partial Regex BoundOptions();

    [GeneratedRegex(@"(?:GetValue(?:<[^>]+>)?\(|[cC]onfiguration\[)""([A-Za-z]+:[A-Za-z:]+)""")]
    private static partial Regex DirectRead();

    /// <summary>A class declared at the start of a line (not the word in a comment).</summary>
    [GeneratedRegex(@"(?m)^[ \t]*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|file)\s+)*class\s+(\w+)(?![\w<])")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"public\s+(?!static\b)([\w<>\[\],?. ]+?)\s+(\w+)\s*\{\s*get;")]
    private static partial Regex Property();
}
