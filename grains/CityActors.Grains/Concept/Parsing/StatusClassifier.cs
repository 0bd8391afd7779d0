using System.Text.RegularExpressions;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Classifies a project's report text by an ordered rule table, unless an override names the project's key.</summary>
public sealed class StatusClassifier
{
    readonly (StatusClass Class, Regex Pattern)[] _rules;
    readonly Dictionary<string, StatusClass> _overrides;

    public StatusClassifier(IEnumerable<StatusRule> rules, IReadOnlyDictionary<string, StatusClass>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules.Select(r => (r.Class, r.Pattern))];
        _overrides = new Dictionary<string, StatusClass>(overrides ?? new Dictionary<string, StatusClass>(), StringComparer.Ordinal);
    }

    /// <summary>The default rules of <see cref="StatusRules"/> and no overrides.</summary>
    public static StatusClassifier Default { get; } = new(StatusRules.Default);

    /// <summary>The same rules with more overrides by project key (e.g. <c>p1.g3.t2.pr1</c>); a later override of a key wins.</summary>
    public StatusClassifier WithOverrides(IReadOnlyDictionary<string, StatusClass> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, StatusClass>(_overrides, StringComparer.Ordinal);
        foreach (var (key, statusClass) in overrides)
            merged[key] = statusClass;
        return new StatusClassifier(_rules, merged);
    }

    StatusClassifier((StatusClass Class, Regex Pattern)[] rules, Dictionary<string, StatusClass> overrides)
    {
        _rules = rules;
        _overrides = overrides;
    }

    /// <summary>The class of a project: its override if there is one, else the first matching rule.</summary>
    public StatusClass Classify(string projectKey, string statusText)
    {
        ArgumentNullException.ThrowIfNull(projectKey);
        return _overrides.TryGetValue(projectKey, out var overridden) ? overridden : Classify(statusText);
    }

    /// <summary>The class the rules give a report text; text that no rule matches has no information.</summary>
    public StatusClass Classify(string statusText)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        var normalised = Normalise(statusText);
        foreach (var (statusClass, pattern) in _rules)
        {
            if (pattern.IsMatch(normalised))
                return statusClass;
        }
        return StatusClass.NoInformation;
    }

    // One apostrophe and one space character so that rules need not spell every variant.
    static string Normalise(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = char.ToLowerInvariant(source[i]);
                span[i] = c switch
                {
                    '’' or 'ʼ' or '`' or '′' => '\'',
                    _ when char.IsWhiteSpace(c) => ' ',
                    _ => c,
                };
            }
        });
}
