using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CityActors.ClientApi;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Facilities;
using CityActors.Runtime;
using CityActors.Silo.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityActors.Dashboard.Tests.Support;

/// <summary>
/// The real silo with the demo city and the dashboard, in process on a free loopback port over its own SQLite file,
/// and Debian's Chromium driven by Playwright. The simulator is off, so every change on screen is one a test made.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>The browser the tests drive; missing, the tests fail.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    readonly string _folder = Path.Combine(Path.GetTempPath(), "cityactors-dashboard-" + Guid.NewGuid().ToString("N"));
    readonly ConcurrentDictionary<string, Task<string>> _departmentKeys = new(StringComparer.Ordinal);
    WebApplication? _app;
    IPlaywright? _playwright;

    public Uri Address { get; private set; } = null!;
    public IGrainFactory Grains { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The silo's HTTP address for the client API, as a department's system talks to it.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The dashboard's options as the silo reads them; a test that changes one puts it back.</summary>
    public DashboardOptions Options { get; private set; } = null!;

    /// <summary>An operator's key (Олена Коваль): may acknowledge alarms.</summary>
    public string OperatorKey { get; private set; } = null!;

    /// <summary>A planner's key: reads everything, acknowledges nothing.</summary>
    public string PlannerKey { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>screenshots/</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it with 'apt-get install -y chromium' (scripts/test.sh does).");
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        Address = new Uri($"http://127.0.0.1:{FreePort()}");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = _folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:DataSource"] = Path.Combine(_folder, "city.db"),
            ["City:Simulator:Enabled"] = "false",
            ["Urls"] = Address.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            // The report formats the silo's appsettings.json lists, served by the client API in this same process.
            ["Dashboard:Reports:0:Format"] = "docx",
            ["Dashboard:Reports:0:Url"] = "/api/v1/reports/{year}.docx",
            ["Dashboard:Reports:1:Format"] = "html",
            ["Dashboard:Reports:1:Url"] = "/api/v1/reports/{year}.html",
            ["Dashboard:Reports:2:Format"] = "csv",
            ["Dashboard:Reports:2:Url"] = "/api/v1/reports/{year}.csv",
            ["Dashboard:Reports:3:Format"] = "json",
            ["Dashboard:Reports:3:Url"] = "/api/v1/reports/{year}.json",
            ["Dashboard:Reports:4:Format"] = "tsv",
            ["Dashboard:Reports:4:Url"] = "/api/v1/reports/{year}.tsv",
            // Tiles from this process, so that no test needs the internet.
            ["Dashboard:Map:TileUrl"] = TileRoute,
            ["Dashboard:Map:Attribution"] = "Тестові плитки",
        });
        // The same calls as the silo's Program.cs.
        builder.AddCityActorsSilo();
        builder.AddCityActorsCity();
        builder.AddCityActorsDashboard();
        builder.AddCityActorsApi();
        _app = builder.Build();
        _app.MapRuntimeApi();
        _app.MapCityActorsDashboard();
        _app.MapCityActorsApi();
        _app.MapGet("/test-tiles/{z:int}/{x:int}/{y:int}.png", (int z, int x, int y) =>
        {
            Interlocked.Increment(ref _tilesServed);
            return Results.File(OnePixelPng, "image/png");
        });
        await _app.StartAsync();
        Grains = _app.Services.GetRequiredService<IGrainFactory>();
        Options = _app.Services.GetRequiredService<DashboardOptions>();
        Api = new HttpClient { BaseAddress = Address };
        var access = Grains.GetGrain<IAccessGrain>("zhytomyr");
        var change = new ChangeContext("urn:cityactors:dashboard-tests", Guid.NewGuid().ToString("N"), "tests");
        OperatorKey = (await access.CreateKeyAsync(new ApiKeyRequest("Олена Коваль", ApiRole.Operator), change)).Secret;
        PlannerKey = (await access.CreateKeyAsync(new ApiKeyRequest("Петро Планувальник", ApiRole.Planner), change with { Id = Guid.NewGuid().ToString("N") })).Secret;

        // Test projects run side by side on two cores: a page may take longer than Playwright's 5 s to settle.
        // The promises the dashboard makes (a change on screen within 2 s) keep their own timeouts in the tests.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>The tile URL template the tests' silo uses: served by the silo itself.</summary>
    public const string TileRoute = "/test-tiles/{z}/{x}/{y}.png";

    /// <summary>A one-pixel tile the colour of a field on a paper map.</summary>
    static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4cvcEAAUCAnoQGqEwAAAAAElFTkSuQmCC");

    int _tilesServed;

    /// <summary>How many map tiles browsers have fetched from <see cref="TileRoute"/>.</summary>
    public int TilesServed => Volatile.Read(ref _tilesServed);

    /// <summary>
    /// Pushes a status update the way a department's system does: <c>POST /api/v1/facilities/{key}/status</c> over HTTP
    /// with a key of the department that owns the facility.
    /// </summary>
    public async Task ReportStatusAsync(string facility, string status, DateTimeOffset? observedAt = null, params (string Name, double Value)[] readings)
    {
        var department = (await Grains.GetGrain<IFacilityGrain>(facility).GetSnapshotAsync()).Registration!.Department;
        var key = await _departmentKeys.GetOrAdd(department, CreateDepartmentKeyAsync);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/facilities/{Uri.EscapeDataString(facility)}/status")
        {
            Content = JsonContent.Create(new { status, readings = readings.ToDictionary(r => r.Name, r => r.Value), observedAt }),
        };
        request.Headers.Add("X-Api-Key", key);
        using var response = await Api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {request.RequestUri} answered {(int)response.StatusCode}: {body}");
    }

    async Task<string> CreateDepartmentKeyAsync(string department)
    {
        var change = new ChangeContext("urn:cityactors:dashboard-tests", Guid.NewGuid().ToString("N"), "tests");
        var key = await Grains.GetGrain<IAccessGrain>("zhytomyr").CreateKeyAsync(new ApiKeyRequest("Диспетчерська " + department, ApiRole.Department, department), change);
        return key.Secret;
    }

    /// <summary>A fresh page at 1366×768, the smallest screen the dashboard is made for, signed in through the form.</summary>
    public async Task<IPage> NewPageAsync(string? key = null, bool signIn = true, int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = Address.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        if (signIn)
            await SignInAsync(page, key ?? OperatorKey);
        return page;
    }

    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("signin");
        await page.GetByLabel("Ключ API").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Увійти" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=operator]")).ToBeVisibleAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name)
        => page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system.
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
