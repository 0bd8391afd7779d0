using System.Text.RegularExpressions;
using CityActors.Dashboard.Tests.Support;
using CityActors.Grains.Concept;
using CityActors.Grains.Facilities;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary>The dashboard in a real browser against the real silo: pages, live updates, alarms, language, history.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardPagesTests(DashboardHost host)
{
    static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Theory]
    [InlineData("", "Огляд міста")]
    [InlineData("map", "Мапа")]
    [InlineData("facilities", "Об'єкти")]
    [InlineData("facilities/boiler-house-001", "Котельня РК-1")]
    [InlineData("departments", "Департаменти")]
    [InlineData("projects", "Проєкти")]
    [InlineData("reports", "Звіти")]
    [InlineData("system", "Система")]
    public async Task Page_Opens_WithItsHeadingAndNoError(string path, string heading)
    {
        var page = await host.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await DashboardHost.ScreenshotAsync(page, "page-" + (path.Length == 0 ? "overview" : path.Replace('/', '-')));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Overview_FacilityReportsEmergency_ShowsTheChangeAndTheAlarmWithinTwoSeconds()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("");
        await Expect(page.Locator("[data-testid=total]")).ToHaveTextAsync(NumberPattern(1257));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-live-state", "open");

        await ReportAsync("school-007", "emergency", DateTimeOffset.UtcNow);

        await Expect(page.Locator("tr[data-facility='school-007'][data-status='emergency']")).ToBeVisibleAsync(WithinTwoSeconds);
        await Expect(page.Locator("tr[data-alarm='school-007/emergency']")).ToBeVisibleAsync(WithinTwoSeconds);
        await DashboardHost.ScreenshotAsync(page, "overview-live-change");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Map_FacilityReportsEmergency_TurnsRedWithinTwoSeconds()
    {
        var location = (await host.Grains.GetGrain<IFacilityGrain>("school-012").GetSnapshotAsync()).Registration!.Location!.Value;
        var (x, y) = Components.Live.CityGeometry.Project(location.Latitude, location.Longitude);
        var page = await host.NewPageAsync();
        await page.GotoAsync($"map?zoom=5&x={Components.Live.CityGeometry.F(x)}&y={Components.Live.CityGeometry.F(y)}");
        var school = page.Locator("[data-testid=map] a[data-facility='school-012']");
        await Expect(school).ToHaveAttributeAsync("data-status", "open");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-live-state", "open");

        await ReportAsync("school-012", "emergency", DateTimeOffset.UtcNow);

        await Expect(school).ToHaveAttributeAsync("data-status", "emergency", new() { Timeout = 2_000 });
        await Expect(school.Locator("circle")).ToHaveClassAsync("m-down");
        await DashboardHost.ScreenshotAsync(page, "map-live-change");
        await page.GotoAsync("map");
        await Expect(page.Locator("[data-testid=map] a.cluster").First).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "map-whole-city");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FacilityDetail_AcknowledgeAlarm_RecordsWhoAndWhy()
    {
        await ReportAsync("kindergarten-003", "emergency", DateTimeOffset.UtcNow);
        var page = await host.NewPageAsync();
        await page.GotoAsync("facilities/kindergarten-003");
        await Expect(page.Locator("tr[data-alarm='emergency'][data-state='Raised']")).ToBeVisibleAsync();

        await page.GetByLabel("Чому / що зроблено").FillAsync("Аварійна бригада на місці");
        await page.GetByRole(AriaRole.Button, new() { Name = "Підтвердити" }).ClickAsync();

        await Expect(page.Locator("[data-testid=ack-result]")).ToContainTextAsync("Олена Коваль");
        await Expect(page.Locator("tr[data-alarm='emergency'][data-state='Acknowledged']")).ToContainTextAsync("Олена Коваль");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Аварійна бригада на місці");
        var snapshot = await host.Grains.GetGrain<IFacilityGrain>("kindergarten-003").GetSnapshotAsync();
        Assert.Equal("Олена Коваль", Assert.Single(snapshot.Alarms, a => a.Type == "emergency").AcknowledgedBy);
        await DashboardHost.ScreenshotAsync(page, "facility-acknowledged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WhatAVisitorSeesFollowsTheKeyAndItsRole()
    {
        await ReportAsync("school-020", "emergency", DateTimeOffset.UtcNow);
        var page = await host.NewPageAsync(signIn: false);

        await page.GotoAsync("facilities/school-020");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=%2Ffacilities%2Fschool-020$"));
        Assert.Equal(401, (await page.APIRequest.GetAsync("dashboard/live?parts=overview")).Status);
        await page.GetByLabel("Ключ API").FillAsync("ca_nothing_wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await Expect(page.Locator("[data-testid=signin-error]")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "signin-wrong-key");

        await page.GetByLabel("Ключ API").FillAsync(host.PlannerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/facilities/school-020$"));
        await Expect(page.Locator("[data-testid=operator]")).ToContainTextAsync("Петро Планувальник · планувальник");
        await Expect(page.Locator("[data-testid=ack-not-allowed]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Підтвердити" })).ToHaveCountAsync(0);
        await DashboardHost.ScreenshotAsync(page, "signin-planner-reads-only");

        await page.GetByRole(AriaRole.Link, new() { Name = "Вийти" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=%2F$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Projects_ShowTheImportedConceptTree_FilteredByStatusClass()
    {
        var concept = host.Grains.GetGrain<IConceptGrain>("zhytomyr");
        for (var waited = 0; (await concept.GetTreeAsync()).Priorities.Count == 0; waited++)
        {
            Assert.True(waited < 300, "The silo did not import the shipped Concept report within 30 s.");
            await Task.Delay(100);
        }
        var page = await host.NewPageAsync();

        await page.GotoAsync("projects");
        Assert.True(await page.Locator("[data-testid=concept-tree] tr[data-project]").CountAsync() > 150);
        await page.GetByLabel("Стан").SelectOptionAsync(new SelectOptionValue { Label = "Реалізовано" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Застосувати" }).ClickAsync();

        var rows = page.Locator("[data-testid=concept-tree] tr[data-project]");
        await Expect(page).ToHaveURLAsync(new Regex("status=Implemented"));
        Assert.True(await rows.CountAsync() > 0);
        foreach (var status in await page.Locator("[data-testid=concept-tree] tr[data-project] td:nth-child(4)").AllInnerTextsAsync())
            Assert.Equal("Реалізовано", status);
        await DashboardHost.ScreenshotAsync(page, "projects-implemented");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Language_SwitchToEnglishAndBack_ChangesEveryWordAndRemembersIt()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("system");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/system$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("System");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("");
        await Expect(page.Locator("h1")).ToHaveTextAsync("City overview");
        await DashboardHost.ScreenshotAsync(page, "language-english");

        await page.GetByRole(AriaRole.Link, new() { Name = "Українська" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Огляд міста");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FacilityDetail_PickAMomentInHistory_ShowsTheStateThen()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-20);
        await ReportAsync("boiler-house-004", "fault", before, ("supply-temperature", 35));
        await ReportAsync("boiler-house-004", "operating", before.AddMinutes(10), ("supply-temperature", 72));
        var page = await host.NewPageAsync();
        await page.GotoAsync("facilities/boiler-house-004");
        await Expect(page.Locator("[data-testid=facility-status]")).ToHaveAttributeAsync("data-status", "operating");
        await Expect(page.Locator("[data-testid=chart] circle")).ToHaveCountAsync(2);

        await page.Locator("[data-testid=timeline] tr[data-what='status'][data-entry-status='fault'] a").ClickAsync();

        await Expect(page.Locator("[data-testid=state-at] .chip")).ToHaveAttributeAsync("data-status", "fault");
        await DashboardHost.ScreenshotAsync(page, "facility-state-at-moment");

        // Chromium shortens a datetime-local value ending in ":00" seconds, which Playwright's fill reports as malformed.
        var moment = before.AddMinutes(15);
        await page.Locator("input[name=at]").FillAsync(Kyiv(moment.Second == 0 ? moment.AddSeconds(1) : moment));
        await page.GetByRole(AriaRole.Button, new() { Name = "Показати стан" }).ClickAsync();
        await Expect(page.Locator("[data-testid=state-at] .chip")).ToHaveAttributeAsync("data-status", "operating");
        await page.Context.CloseAsync();
    }

    /// <summary>The facility's department reports through the client API over HTTP, as it would in the city.</summary>
    Task ReportAsync(string facility, string status, DateTimeOffset observedAt, params (string Name, double Value)[] readings)
        => host.ReportStatusAsync(facility, status, observedAt, readings);

    static string Kyiv(DateTimeOffset at) => Text.UiText.ToKyiv(at).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    static Regex NumberPattern(int value) => new($"^{value / 1000}\\D?{value % 1000:000}$");
}
