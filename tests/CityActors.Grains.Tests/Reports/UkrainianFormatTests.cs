using CityActors.Grains.Reports.Formats;

namespace CityActors.Grains.Tests.Reports;

public sealed class UkrainianFormatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(9_999, "9\u00A0999")]
    [InlineData(15_000, "15,0 тис.")]
    [InlineData(3_650_000, "3,65 млн")]
    [InlineData(-42, "\u221242")]
    public void Quantity_WritesThousandsAndMillionsTheCitysWay(long value, string expected) => Assert.Equal(expected, UkrainianFormat.Quantity(value));

    [Theory]
    [InlineData("0", "0,00 грн")]
    [InlineData("850", "850,00 грн")]
    [InlineData("999.994", "999,99 грн")]
    [InlineData("999.996", "1,0 тис. грн")]
    [InlineData("65800", "65,8 тис. грн")]
    [InlineData("999949", "999,9 тис. грн")]
    [InlineData("999960", "1,00 млн грн")]
    [InlineData("2400000", "2,40 млн грн")]
    [InlineData("2150500.50", "2,15 млн грн")]
    [InlineData("123456789", "123,46 млн грн")]
    [InlineData("1250000000", "1,25 млрд грн")]
    [InlineData("-65800", "\u221265,8 тис. грн")]
    public void Money_WritesHryvniasThousandsMillionsTheCitysWay(string uah, string expected)
        => Assert.Equal(expected, UkrainianFormat.Money(decimal.Parse(uah, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void NumbersAndDates_UseDecimalCommaAndKyivDates()
    {
        Assert.Equal("98,50 %", UkrainianFormat.Percent(98.5));
        Assert.Equal("—", UkrainianFormat.Percent(null));
        Assert.Equal("1\u00A0234,5 год", UkrainianFormat.Hours(TimeSpan.FromHours(1234.5)));
        Assert.Equal("+0,35 в. п.", UkrainianFormat.PointsChange(99.0, 98.65));
        Assert.Equal("\u22121,00 в. п.", UkrainianFormat.PointsChange(97.0, 98.0));
        Assert.Equal("+12", UkrainianFormat.Change(12));
        // 22:00 UTC on 31 December is midnight of 1 January in Kyiv (EET, UTC+2).
        Assert.Equal("01.01.2026", UkrainianFormat.Date(new DateTimeOffset(2025, 12, 31, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal("31.07.2025 03:00", UkrainianFormat.DateTime(new DateTimeOffset(2025, 7, 31, 0, 0, 0, TimeSpan.Zero)));
    }
}
