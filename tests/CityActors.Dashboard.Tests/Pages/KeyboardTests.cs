using System.Text.RegularExpressions;
using CityActors.Dashboard.Tests.Support;
using CityActors.Grains.Facilities;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary>An operator works the dashboard with the keyboard alone: Tab, Enter and Space, always seeing where the focus is.</summary>
[Collection(DashboardCollection.Name)]
public sealed class KeyboardTests(DashboardHost host)
{
    const int MostTabs = 80;

    [Fact]
    public async Task Keyboard_FromOverviewToFacilityToAcknowledge_WorksWithTabEnterAndSpaceWithVisibleFocus()
    {
        await host.ReportStatusAsync("kindergarten-005", "emergency");
        var name = (await host.Grains.GetGrain<IFacilityGrain>("kindergarten-005").GetSnapshotAsync()).Registration!.Name;
        var page = await host.NewPageAsync();
        await page.GotoAsync("");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Огляд міста");

        await TabToAsync(page, "nav.side a[href='facilities']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/facilities$"));
        await TabToAsync(page, "input[name=q]");
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]q="));
        await TabToAsync(page, "[data-testid=facility-list] a[href='facilities/kindergarten-005']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/facilities/kindergarten-005$"));
        await TabToAsync(page, "input[name='Ack.Reason']");
        await page.Keyboard.TypeAsync("Перевірено з клавіатури");
        await TabToAsync(page, "form button[type=submit].action");
        await DashboardHost.ScreenshotAsync(page, "keyboard-focus-on-acknowledge");
        await page.Keyboard.PressAsync(" ");

        await Expect(page.Locator("[data-testid=ack-result]")).ToContainTextAsync("Олена Коваль");
        await Expect(page.Locator("tr[data-alarm='emergency'][data-state='Acknowledged']")).ToBeVisibleAsync();
        var snapshot = await host.Grains.GetGrain<IFacilityGrain>("kindergarten-005").GetSnapshotAsync();
        Assert.Equal("Олена Коваль", Assert.Single(snapshot.Alarms, a => a.Type == "emergency").AcknowledgedBy);
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus, and checks the focus shows.</summary>
    static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < MostTabs; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                var focus = await page.EvaluateAsync<string[]>(
                    "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }");
                Assert.True(focus[0] != "none" && double.Parse(focus[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2,
                    $"The focus on '{selector}' does not show: outline {string.Join(' ', focus)}.");
                return;
            }
        }
        Assert.Fail($"{MostTabs} presses of Tab never reached '{selector}'.");
    }
}
