using CityActors.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary>Every piece of text on the main pages keeps a WCAG contrast of at least 4.5:1 against what is behind it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ContrastTests(DashboardHost host)
{
    /// <summary>
    /// For each visible element with text of its own: its colour, and the background behind it (its own and its ancestors'
    /// backgrounds composed until one is opaque), as WCAG 2.x relative luminance and contrast ratio.
    /// </summary>
    const string Measure = """
        () => {
          const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
          const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                                          b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            let colour = { r: 255, g: 255, b: 255, a: 1 };
            for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
            return colour;
          };
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const failures = [];
          let checked = 0;
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('svg, script, style, option')) continue;
            const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim();
            if (!text) continue;
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            if (box.width === 0 || box.height === 0 || box.right < 0 || box.bottom < 0 || style.visibility === 'hidden') continue;
            const bg = background(el);
            const fg = over(parse(style.color), bg);
            const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05);
            checked++;
            if (ratio < 4.5)
              failures.push(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 40)}": ${ratio.toFixed(2)} (${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
          }
          // Text drawn in SVG (map labels, cluster counts) is coloured by its fill and sits on the shape drawn just before it.
          for (const el of document.querySelectorAll('svg text')) {
            const text = el.textContent.trim();
            const box = el.getBoundingClientRect();
            if (!text || box.width === 0 || el.closest('title')) continue;
            const under = el.previousElementSibling;
            let bg = background(el.ownerSVGElement);
            if (under && (under.tagName === 'circle' || under.tagName === 'path')) {
              const shape = getComputedStyle(under), fill = parse(shape.fill);
              bg = over({ ...fill, a: fill.a * parseFloat(shape.fillOpacity) }, bg);
            }
            const fg = over(parse(getComputedStyle(el).fill), bg);
            const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05);
            checked++;
            if (ratio < 4.5)
              failures.push(`svg text.${el.getAttribute('class')} "${text.slice(0, 40)}": ${ratio.toFixed(2)}`);
          }
          return { checked, failures };
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("?wall=1")]
    [InlineData("map")]
    [InlineData("map?zoom=2")]
    [InlineData("facilities")]
    [InlineData("facilities/boiler-house-002")]
    [InlineData("departments")]
    [InlineData("projects")]
    [InlineData("reports")]
    [InlineData("system")]
    public async Task Page_EveryText_HasContrastOfAtLeast4point5(string path)
    {
        await host.ReportStatusAsync("boiler-house-002", "fault");
        var page = await host.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();

        var result = await page.EvaluateAsync<ContrastResult>(Measure);

        Assert.True(result.Checked > 10, $"Only {result.Checked} text elements were found on '{path}'.");
        Assert.True(result.Failures.Length == 0, $"Text below 4.5:1 on '/{path}':\n" + string.Join('\n', result.Failures.Distinct()));
    }

    [Fact]
    public async Task SignIn_EveryText_HasContrastOfAtLeast4point5()
    {
        var page = await host.NewPageAsync(signIn: false);
        await page.GotoAsync("signin");
        await page.GetByLabel("Ключ API").FillAsync("ca_nothing_wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await Expect(page.Locator("[data-testid=signin-error]")).ToBeVisibleAsync();

        var result = await page.EvaluateAsync<ContrastResult>(Measure);

        Assert.True(result.Checked > 3, $"Only {result.Checked} text elements were found on the sign-in page.");
        Assert.True(result.Failures.Length == 0, "Text below 4.5:1 on '/signin':\n" + string.Join('\n', result.Failures.Distinct()));
    }

    [Fact]
    public async Task Measure_GreyOnWhiteAndDarkOnTranslucent_FlagsOnlyTheFaintText()
    {
        var page = await host.NewPageAsync(signIn: false);
        await page.SetContentAsync("""
            <body style="background:#fff">
              <p style="color:#999">Сірий на білому</p>
              <div style="background:rgba(16,37,63,.9)"><span style="color:#fff">Білий на темному</span></div>
              <p style="color:#14181f">Темний на білому</p>
            </body>
            """);

        var result = await page.EvaluateAsync<ContrastResult>(Measure);

        Assert.Equal(3, result.Checked);
        Assert.Contains("Сірий на білому", Assert.Single(result.Failures), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>What the page script measured; settable properties, because Playwright fills the result after constructing it.</summary>
    public sealed class ContrastResult
    {
        public int Checked { get; set; }

        public string[] Failures { get; set; } = [];
    }
}
