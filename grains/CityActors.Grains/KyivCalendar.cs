namespace CityActors.Grains;

/// <summary>Calendar years as the city counts them: in Europe/Kyiv time.</summary>
public static class KyivCalendar
{
    /// <summary>Europe/Kyiv (EET/EEST); older time-zone data knows it as Europe/Kiev.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static int YearOf(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone).Year;

    /// <summary>The first moment of <paramref name="year"/> in Kyiv, as an instant.</summary>
    public static DateTimeOffset StartOf(int year) => Midnight(year, 1, 1);

    /// <summary>Midnight at the start of a day in Kyiv, as an instant.</summary>
    public static DateTimeOffset Midnight(int year, int month, int day)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The time of day and day of week in Kyiv, for what depends on them (school hours).</summary>
    public static DateTime LocalTime(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone).DateTime;

    static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
                return zone;
        }
        throw new InvalidOperationException("The Europe/Kyiv time zone is not installed (tzdata).");
    }
}
