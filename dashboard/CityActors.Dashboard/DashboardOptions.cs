namespace CityActors.Dashboard;

/// <summary>What the dashboard shows: section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The city whose aggregate, kinds and facilities the dashboard shows; defaults to the silo's <c>City:Name</c>.</summary>
    public string City { get; set; } = "zhytomyr";

    /// <summary>The language a visitor sees before choosing one: <c>uk</c> or <c>en</c>.</summary>
    public string DefaultLanguage { get; set; } = "uk";

    /// <summary>Whether every page asks for an API key first (operators and admins may acknowledge alarms; departments and planners read).</summary>
    public bool RequireSignIn { get; set; } = true;

    /// <summary>The annual report's downloads, one per format; the silo's appsettings.json lists every format of <c>/api/v1/reports</c>.</summary>
    public List<ReportLink> Reports { get; set; } = [];

    /// <summary>The map's base layer: section <c>Dashboard:Map</c>.</summary>
    public MapOptions Map { get; set; } = new();
}

/// <summary>The map's base layer of raster tiles under the districts and facilities.</summary>
public sealed class MapOptions
{
    public const string OpenStreetMapTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>
    /// A tile URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c> (Web Mercator tiles, as OpenStreetMap serves them);
    /// empty draws the map from the shipped district outlines alone, with no request leaving the operator's browser.
    /// </summary>
    public string? TileUrl { get; set; } = OpenStreetMapTiles;

    /// <summary>The credit the tiles' licence asks for, shown under the map whenever tiles are drawn.</summary>
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>Where the credit links to; empty for plain text.</summary>
    public string? AttributionUrl { get; set; } = "https://www.openstreetmap.org/copyright";
}

/// <summary>One download on the Reports page: <c>Dashboard:Reports:0:Format=docx</c>, <c>Dashboard:Reports:0:Url=/api/v1/reports/{year}.docx</c>.</summary>
public sealed class ReportLink
{
    /// <summary>The format's short name, shown on the link: <c>docx</c>, <c>xlsx</c>, <c>pdf</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>Where the file is; <c>{year}</c> is replaced by the year.</summary>
    public string Url { get; set; } = "";
}
