using System.Globalization;

namespace CityActors.Grains.Reports.Formats;

/// <summary>Numbers, dates and durations as the city's documents write them: decimal comma, a space between thousands, dd.MM.yyyy.</summary>
public static class UkrainianFormat
{
    /// <summary>The thousands separator is a no-break space, so "12 345" never breaks across lines.</summary>
    static readonly NumberFormatInfo s_numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u00A0",
        NumberGroupSizes = [3],
        NegativeSign = "\u2212",
    };

    public const string Missing = "—";

    public static string Integer(long value) => value.ToString("N0", s_numbers);

    public static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), s_numbers);

    /// <summary>Large counts shortened the way reports do: <c>12,3 тис.</c>, <c>3,65 млн</c>; below ten thousand written out.</summary>
    public static string Quantity(long value) => Math.Abs(value) switch
    {
        < 10_000 => Integer(value),
        < 1_000_000 => Number(value / 1_000.0, 1) + " тис.",
        _ => Number(value / 1_000_000.0, 2) + " млн",
    };

    /// <summary>
    /// An amount in hryvnias the way the city's reports write it: <c>850,00 грн</c>, <c>65,8 тис. грн</c>,
    /// <c>2,40 млн грн</c>, <c>1,25 млрд грн</c>; the unit is chosen after rounding, so 999 960 грн is <c>1,00 млн грн</c>.
    /// </summary>
    public static string Money(decimal uah)
    {
        var amount = Math.Abs(uah);
        if (Math.Round(amount, 2) < 1_000m)
            return Decimal(uah, 2) + " грн";
        if (Math.Round(amount / 1_000m, 1) < 1_000m)
            return Decimal(uah / 1_000m, 1) + " тис. грн";
        if (Math.Round(amount / 1_000_000m, 2) < 1_000m)
            return Decimal(uah / 1_000_000m, 2) + " млн грн";
        return Decimal(uah / 1_000_000_000m, 2) + " млрд грн";
    }

    static string Decimal(decimal value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), s_numbers);

    public static string Percent(double? value) => value is { } v ? Number(v, 2) + " %" : Missing;

    /// <summary>A change with its sign: <c>+12</c>, <c>−3</c>, <c>0</c>.</summary>
    public static string Change(long value) => value > 0 ? "+" + Integer(value) : Integer(value);

    /// <summary>A change of a percentage in percentage points: <c>+0,35 в. п.</c>.</summary>
    public static string PointsChange(double? now, double? before) => now is { } a && before is { } b
        ? (a - b >= 0.005 ? "+" : "") + Number(a - b, 2) + " в. п."
        : Missing;

    /// <summary>Hours with one decimal: <c>1 234,5 год</c>.</summary>
    public static string Hours(TimeSpan? span) => span is { } s ? Number(s.TotalHours, 1) + " год" : Missing;

    /// <summary>The date in Kyiv: <c>31.12.2025</c>.</summary>
    public static string Date(DateTimeOffset time) => KyivCalendar.LocalTime(time).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>The date and time in Kyiv: <c>01.01.2026 00:00</c>.</summary>
    public static string DateTime(DateTimeOffset time) => KyivCalendar.LocalTime(time).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
