using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityActors.Dashboard.Components.Live;

/// <summary>
/// The map's plane: longitude and latitude projected onto a 1000-unit-wide drawing (equirectangular, scaled by the
/// cosine of the city's latitude, which at a city's size is indistinguishable from Web Mercator), and the district
/// outlines shipped in <c>Assets/zhytomyr-districts.geojson</c>.
/// </summary>
public static class CityGeometry
{
    public const double West = 28.58;
    public const double East = 28.76;
    public const double North = 50.315;
    public const double South = 50.200;
    public const double Width = 1000;

    static readonly double LongitudeScale = Math.Cos((North + South) / 2 * Math.PI / 180);
    static readonly double Scale = Width / ((East - West) * LongitudeScale);

    public static double Height { get; } = (North - South) * Scale;

    public static IReadOnlyList<District> Districts { get; } = LoadDistricts();

    public static (double X, double Y) Project(double latitude, double longitude)
        => ((longitude - West) * LongitudeScale * Scale, (North - latitude) * Scale);

    public static (double Latitude, double Longitude) Unproject(double x, double y)
        => (North - y / Scale, West + x / Scale / LongitudeScale);

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static List<District> LoadDistricts()
    {
        using var stream = typeof(CityGeometry).Assembly.GetManifestResourceStream("Assets/zhytomyr-districts.geojson")
            ?? throw new InvalidOperationException("The district outlines are missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var districts = new List<District>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0];
            var path = new StringBuilder();
            double sumX = 0, sumY = 0;
            var count = 0;
            foreach (var point in ring.EnumerateArray())
            {
                var (x, y) = Project(point[1].GetDouble(), point[0].GetDouble());
                path.Append(count == 0 ? 'M' : 'L').Append(F(x)).Append(',').Append(F(y)).Append(' ');
                sumX += x;
                sumY += y;
                count++;
            }
            districts.Add(new District(properties.GetProperty("name").GetString()!, properties.GetProperty("name_en").GetString()!,
                path.Append('Z').ToString(), sumX / count, sumY / count));
        }
        return districts;
    }
}

/// <summary>One district's outline as an SVG path, and where its label goes.</summary>
public sealed record District(string Name, string NameEn, string Path, double LabelX, double LabelY);
