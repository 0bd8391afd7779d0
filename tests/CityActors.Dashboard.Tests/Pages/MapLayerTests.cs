using CityActors.Dashboard.Components.Live;
using CityActors.Dashboard.Tests.Support;
using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;
using static Microsoft.Playwright.Assertions;

namespace CityActors.Dashboard.Tests.Pages;

/// <summary>The map's tile layer (<c>Dashboard:Map:TileUrl</c>) and the facilities whose location is not published.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MapLayerTests(DashboardHost host)
{
    [Fact]
    public async Task Map_TileUrlConfigured_DrawsTilesUnderTheDistrictsWithTheCredit()
    {
        var served = host.TilesServed;
        var page = await host.NewPageAsync();

        await page.GotoAsync("map");

        var tiles = page.Locator("[data-testid=map-tiles] image");
        Assert.InRange(await tiles.CountAsync(), 4, 120);
        await Expect(page.Locator("[data-live=map] image")).ToHaveCountAsync(0);
        Assert.Matches("^/test-tiles/13/\\d+/\\d+\\.png$", await tiles.First.GetAttributeAsync("href") ?? "");
        await Expect(page.Locator("[data-testid=map-attribution]")).ToHaveTextAsync("Підкладка мапи: Тестові плитки");
        await Expect(page.Locator("[data-testid=map] path.district")).ToHaveCountAsync(CityGeometry.Districts.Count);
        for (var waited = 0; host.TilesServed == served; waited++)
        {
            Assert.True(waited < 100, "The browser fetched no tile within 10 s.");
            await Task.Delay(100);
        }
        await DashboardHost.ScreenshotAsync(page, "map-with-tiles");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Map_TileUrlEmpty_DrawsDistrictsAndFacilitiesWithoutABaseLayer()
    {
        var configured = host.Options.Map.TileUrl;
        host.Options.Map.TileUrl = "";
        try
        {
            var page = await host.NewPageAsync();

            await page.GotoAsync("map");

            await Expect(page.Locator("[data-testid=map] path.district")).ToHaveCountAsync(CityGeometry.Districts.Count);
            await Expect(page.Locator("[data-testid=map] a.cluster").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=map-tiles]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=map-attribution]")).ToHaveCountAsync(0);
            await DashboardHost.ScreenshotAsync(page, "map-without-tiles");
            await page.Context.CloseAsync();
        }
        finally
        {
            host.Options.Map.TileUrl = configured;
        }
    }

    [Fact]
    public void MapTiles_DefaultOptions_AreOpenStreetMapsStandardTilesWithTheirCredit()
    {
        var options = new MapOptions();

        var tiles = MapTiles.Cover(MapView.Of([], 1, null, null, false), options.TileUrl);

        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", options.TileUrl);
        Assert.Equal("© OpenStreetMap contributors", options.Attribution);
        // Zhytomyr's centre (50.254° N, 28.66° E) lies in tile 13/4748/2769.
        Assert.Contains(tiles, t => t.Url == "https://tile.openstreetmap.org/13/4748/2769.png");
        Assert.Empty(MapTiles.Cover(MapView.Of([], 1, null, null, false), ""));
    }

    [Fact]
    public async Task Map_SignedInOperator_SeesFacilitiesWithUnpublishedLocationsMarkedAsSuch()
    {
        var listing = await host.Grains.GetGrain<IFacilityDirectoryGrain>("zhytomyr").ListAsync(new FacilityQuery(Limit: FacilityQuery.MaxLimit));
        var shelter = listing.Items.First(f => !f.LocationPublic && f.Location is not null);
        var (x, y) = CityGeometry.Project(shelter.Location!.Value.Latitude, shelter.Location.Value.Longitude);
        var page = await host.NewPageAsync();

        await page.GotoAsync($"map?zoom={MapView.MaxZoom}&x={CityGeometry.F(x)}&y={CityGeometry.F(y)}");

        var mark = page.Locator($"[data-testid=map] a[data-facility='{shelter.Key}']");
        await Expect(mark).ToHaveAttributeAsync("data-location", "restricted");
        await Expect(mark.Locator("circle.restricted-ring")).ToHaveCountAsync(1);
        await Expect(mark.Locator("circle.restricted")).ToHaveCountAsync(1);
        await Expect(mark.Locator("title")).ToContainTextAsync("розташування не публікується");
        await Expect(page.Locator("[data-testid=map-summary]")).ToContainTextAsync("видно лише персоналу");
        await DashboardHost.ScreenshotAsync(page, "map-restricted-location");
        await page.Context.CloseAsync();
    }

    [Fact]
    public void MapView_ViewerNotStaff_CountsUnpublishedLocationsWithoutDrawingThem()
    {
        var at = new GeoPoint(50.254, 28.66);
        FacilityListing Facility(string key, bool locationPublic) => new(key, "shelter", key, "вул. Київська, 1", "Корольовський", "civil-protection",
            "open", true, false, new AlarmCounts(0, 0, 0), null, locationPublic, at, null, DateTimeOffset.UtcNow, []);
        FacilityListing[] facilities = [Facility("shelter-1", false), Facility("school-1", true)];
        var (x, y) = CityGeometry.Project(at.Latitude, at.Longitude);

        var publicView = MapView.Of(facilities, MapView.MaxZoom, x, y, showRestricted: false);
        var staffView = MapView.Of(facilities, MapView.MaxZoom, x, y, showRestricted: true);

        Assert.Equal((1, 1, 0), (publicView.Drawn, publicView.Hidden, publicView.Restricted));
        Assert.DoesNotContain(publicView.Marks, m => m.Facility?.Key == "shelter-1");
        Assert.Equal((2, 0, 1), (staffView.Drawn, staffView.Hidden, staffView.Restricted));
        Assert.Contains(staffView.Marks, m => m.Facility?.Key == "shelter-1");
    }
}
