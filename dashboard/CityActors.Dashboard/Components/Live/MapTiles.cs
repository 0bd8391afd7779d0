namespace CityActors.Dashboard.Components.Live;

/// <summary>
/// The raster tiles (Web Mercator, as OpenStreetMap numbers them) that cover a map window, each placed in the map's own
/// drawing units. Within one tile the map's projection and Web Mercator differ by far less than a pixel.
/// </summary>
public static class MapTiles
{
    /// <summary>Tile zoom at the map's zoom 1 (the whole city): about five tiles across, each about 250 pixels on screen.</summary>
    const int BaseZoom = 12;

    /// <summary>
    /// The tiles for the window and a window's width on either side: the map keeps its proportions, so on a screen
    /// wider than the window the drawing shows more land left and right (up to three windows across).
    /// </summary>
    public static IReadOnlyList<MapTile> Cover(MapView view, string? template)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (string.IsNullOrWhiteSpace(template))
            return [];
        var z = BaseZoom + view.Zoom;
        var n = 1 << z;
        var (north, west) = CityGeometry.Unproject(view.X - view.Width, view.Y);
        var (south, east) = CityGeometry.Unproject(view.X + 2 * view.Width, view.Y + view.Height);
        var tiles = new List<MapTile>();
        for (var ty = TileY(north, n); ty <= TileY(south, n); ty++)
        {
            for (var tx = TileX(west, n); tx <= TileX(east, n); tx++)
            {
                var (left, top) = CityGeometry.Project(Latitude(ty, n), tx * 360.0 / n - 180);
                var (right, bottom) = CityGeometry.Project(Latitude(ty + 1, n), (tx + 1) * 360.0 / n - 180);
                var url = template.Replace("{z}", Text(z), StringComparison.Ordinal).Replace("{x}", Text(tx), StringComparison.Ordinal)
                    .Replace("{y}", Text(ty), StringComparison.Ordinal);
                tiles.Add(new MapTile(url, left, top, right - left, bottom - top));
            }
        }
        return tiles;
    }

    static int TileX(double longitude, int n) => (int)Math.Floor((longitude + 180) / 360 * n);

    static int TileY(double latitude, int n)
    {
        var radians = latitude * Math.PI / 180;
        return (int)Math.Floor((1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2 * n);
    }

    static double Latitude(int tileY, int n) => Math.Atan(Math.Sinh(Math.PI * (1 - 2.0 * tileY / n))) * 180 / Math.PI;

    static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One tile: its URL and where it lies in the map's drawing units.</summary>
public sealed record MapTile(string Url, double X, double Y, double Width, double Height);
