using System.Text.RegularExpressions;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>One classification rule: when <see cref="Pattern"/> matches the lower-cased report text, the project has <see cref="Class"/>.</summary>
/// <param name="Pattern">Matched against the report text in lower case with apostrophes normalised to <c>'</c>.</param>
/// <param name="Why">What the rule recognises, for people reading or overriding the table.</param>
public sealed record StatusRule(StatusClass Class, Regex Pattern, string Why)
{
    /// <summary>A rule from a .NET regular expression written as text.</summary>
    public StatusRule(StatusClass @class, string pattern, string why)
        : this(@class, new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), why)
    {
    }
}

/// <summary>The ordered rule table for the Concept report: the first rule that matches decides.</summary>
/// <remarks>
/// The order carries meaning: a project "не реалізовано у зв'язку із введенням воєнного стану" is suspended,
/// not merely not implemented; any report of work that no rule above recognises counts as implemented for the year.
/// The patterns are compiled at build time (the attributes below) because the table runs on every report row.
/// </remarks>
public static partial class StatusRules
{
    public static IReadOnlyList<StatusRule> Default { get; } =
    [
        new(StatusClass.NoInformation, NoInformation(),
            "empty cell, a dash or an explicit \"no information\""),
        new(StatusClass.SuspendedMartialLaw, MartialLaw(),
            "stopped or not done \"у зв'язку із введенням воєнного стану\""),
        new(StatusClass.NoLongerNeeded, NoLongerNeeded(),
            "\"відсутня потреба\", \"втратив актуальність\", \"недоцільно\""),
        new(StatusClass.NotImplemented, NotImplemented(),
            "\"не реалізовано\", \"не розпочато\", \"не проводились\", \"не створено\"…; \"на проведено\" is a typo in the 2025 edition"),
        new(StatusClass.InProgress, InProgress(),
            "work under way: \"триває\", \"продовжується\", \"розпочато\", \"заплановано\", \"рівень виконання\"…"),
        new(StatusClass.Implemented, AnyText(),
            "any other report of work done in the year"),
    ];

    [GeneratedRegex(@"^\s*(?:[-–—]+|н/д|немає інформації|інформація відсутня|інформація не надана)?\s*\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NoInformation();

    [GeneratedRegex(@"(?:у зв'язку (?:з|із)|через) (?:введенням |запровадженням )?воєнн\w* стан\w*", RegexOptions.CultureInvariant)]
    private static partial Regex MartialLaw();

    [GeneratedRegex(@"відсутн\w* потреб\w*|немає потреби|потреба відсутня|втрати\w* актуальн\w*|недоцільн\w*", RegexOptions.CultureInvariant)]
    private static partial Regex NoLongerNeeded();

    [GeneratedRegex(@"\bне (?:реаліз\w*|розпочат\w*|розпочинал\w*|проведен\w*|проводи\w*|створен\w*|створювал\w*|здійснен\w*|здійснювал\w*|розроблен\w*|розроблял\w*|надавал\w*)|\bна проведено\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotImplemented();

    [GeneratedRegex(@"\b(?:триває|тривають|продовжу\w*|розпочато|завершу\w*ться|заплановано|планується|буде реалізован\w*|рівень виконання|на етапі)\b|\bвиконан\w* на \d", RegexOptions.CultureInvariant)]
    private static partial Regex InProgress();

    [GeneratedRegex(@"\S", RegexOptions.CultureInvariant)]
    private static partial Regex AnyText();
}
