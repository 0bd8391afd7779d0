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

    /// <summary>The focused element's outline width (0 when none) and the WCAG contrast of its colour with the background around it.</summary>
    const string FocusRing = """
        () => {
          const el = document.activeElement, s = getComputedStyle(el);
          const rgb = c => c.match(/[\d.]+/g).map(Number);
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          let around = [255, 255, 255];
          for (let e = el.parentElement; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length < 4 || c[3] > 0) { around = c; break; }
          }
          const [light, dark] = [luminance(rgb(s.outlineColor)), luminance(around)].sort((a, b) => b - a);
          return [s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth), (light + 0.05) / (dark + 0.05)];
        }
        """;

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
                var focus = await page.EvaluateAsync<double[]>(FocusRing);
                Assert.True(focus[0] >= 2, $"The focus on '{selector}' does not show: its outline is {focus[0]} px.");
                Assert.True(focus[1] >= 3, $"The focus ring on '{selector}' contrasts {focus[1]:0.00}:1 with what is around it; at least 3:1 is needed.");
                return;
            }
        }
        Assert.Fail($"{MostTabs} presses of Tab never reached '{selector}'.");
    }
}
