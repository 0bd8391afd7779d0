using CityActors.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary><c>?wall=1</c>: the overview on a large screen on a wall, read from across the room.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WallScreenTests(DashboardHost host)
{
    [Fact]
    public async Task Wall_At1920x1080_ShowsLargeTypeWithoutNavigationAndStaysLive()
    {
        var page = await host.NewPageAsync(width: 1920, height: 1080);

        await page.GotoAsync("?wall=1");

        await Expect(page.Locator("[data-testid=wall]")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Огляд міста");
        await Expect(page.Locator("nav.side")).ToHaveCountAsync(0);
        await Expect(page.Locator("header.top")).ToHaveCountAsync(0);
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(1);
        var sizes = await page.EvaluateAsync<double[]>("""
            () => [parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
                   parseFloat(getComputedStyle(document.querySelector('main')).fontSize),
                   document.documentElement.scrollWidth]
            """);
        Assert.True(sizes[0] >= 32, $"The heading is {sizes[0]} px; a wall screen needs at least 32.");
        Assert.True(sizes[1] >= 22, $"The text is {sizes[1]} px; a wall screen needs at least 22.");
        Assert.True(sizes[2] <= 1920, $"The page is {sizes[2]} px wide: it scrolls sideways on a 1920-pixel screen.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-live-state", "open");

        await host.ReportStatusAsync("school-015", "emergency");

        await Expect(page.Locator("tr[data-facility='school-015'][data-status='emergency']")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        var kindsEnd = await page.EvaluateAsync<double>("() => document.querySelector('table.kinds').getBoundingClientRect().bottom");
        Assert.True(kindsEnd <= 1080, $"The table of kinds ends at {kindsEnd} px, below the 1080-pixel screen.");
        await DashboardHost.ScreenshotAsync(page, "wall-1920x1080");
        await page.Context.CloseAsync();
    }
}
