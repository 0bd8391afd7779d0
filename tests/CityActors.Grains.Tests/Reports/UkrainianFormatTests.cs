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
