using System.Globalization;
using CityActors.Grains.Kinds;

namespace CityActors.Dashboard.Text;

/// <summary>The dashboard's words in the visitor's language (Ukrainian first, English), and how it writes numbers and times.</summary>
public sealed class UiText
{
    public const string Ukrainian = "uk";
    public const string English = "en";

    static readonly TimeZoneInfo Kyiv = FindKyiv();

    UiText(string language)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language == English ? "en-GB" : "uk-UA");
    }

    public static UiText Uk { get; } = new(Ukrainian);
    public static UiText En { get; } = new(English);

    public string Language { get; }
    public CultureInfo Culture { get; }
    public bool IsEnglish => Language == English;

    public static UiText For(string? language) => language == English ? En : Uk;

    /// <summary>The word for <paramref name="key"/>; the key itself when it has none, so a gap shows instead of hiding.</summary>
    public string this[string key] => Words.All.TryGetValue(key, out var pair) ? (IsEnglish ? pair.En : pair.Uk) : key;

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    public string KindName(FacilityKind? kind, string id) => kind is null ? id : IsEnglish ? kind.NameEn : kind.Name;

    public string StatusName(FacilityKind? kind, string code)
    {
        if (code == "offline")
            return this["status.offline"];
        var status = kind?.FindStatus(code);
        return status is null ? code : IsEnglish ? status.NameEn : status.Name;
    }

    public string Number(double value, int decimals = 0) => value.ToString(decimals == 0 ? "N0" : "N" + decimals, Culture);

    /// <summary>A moment in Kyiv time, as the city reads its clocks.</summary>
    public string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Kyiv).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTime ToKyiv(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Kyiv).DateTime;

    /// <summary>A Kyiv wall-clock time as an absolute moment.</summary>
    public static DateTimeOffset FromKyiv(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Kyiv.GetUtcOffset(unspecified));
    }

    /// <summary>How long ago, in the largest unit that is not zero: <c>3 хв</c>, <c>2 год 5 хв</c>.</summary>
    public string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        if (age.TotalMinutes < 1)
            return Format("age.seconds", (int)age.TotalSeconds);
        if (age.TotalHours < 1)
            return Format("age.minutes", (int)age.TotalMinutes);
        if (age.TotalDays < 1)
            return Format("age.hours", (int)age.TotalHours, age.Minutes);
        return Format("age.days", (int)age.TotalDays, age.Hours);
    }

    static TimeZoneInfo FindKyiv()
    {
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
                return zone;
        }
        return TimeZoneInfo.Utc;
    }
}
