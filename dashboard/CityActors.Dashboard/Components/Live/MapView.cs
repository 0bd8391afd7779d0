using CityActors.Grains.Directory;

namespace CityActors.Dashboard.Components.Live;

/// <summary>What the map shows at one zoom and centre: the visible window and the facilities in it, clustered on a grid.</summary>
/// <param name="Hidden">Facilities whose location may not be published (shelters, cameras), when the viewer may not see them: counted, not drawn.</param>
/// <param name="Restricted">Of those drawn, facilities whose location may not be published: drawn for signed-in staff, marked as such.</param>
public sealed record MapView(int Zoom, double X, double Y, double Width, double Height, IReadOnlyList<MapMark> Marks, int Drawn, int Hidden, int Restricted)
{
    public const int MaxZoom = 5;

    /// <summary>Clusters across the window; at the deepest zoom every facility is drawn on its own.</summary>
    const int CellsAcross = 22;

    public double CentreX => X + Width / 2;
    public double CentreY => Y + Height / 2;

    /// <summary>The radius of one facility's dot, in drawing units, so it looks the same size at every zoom.</summary>
    public double Dot => Width / 180;

    /// <param name="showRestricted">Whether the viewer is signed-in staff, who may see where every facility is.</param>
    public static MapView Of(IEnumerable<FacilityListing> facilities, int? zoom, double? centreX, double? centreY, bool showRestricted)
    {
        ArgumentNullException.ThrowIfNull(facilities);
        var z = Math.Clamp(zoom ?? 1, 1, MaxZoom);
        var width = CityGeometry.Width / Math.Pow(2, z - 1);
        var height = CityGeometry.Height / Math.Pow(2, z - 1);
        var x = Math.Clamp((centreX ?? CityGeometry.Width / 2) - width / 2, 0, CityGeometry.Width - width);
        var y = Math.Clamp((centreY ?? CityGeometry.Height / 2) - height / 2, 0, CityGeometry.Height - height);
        var cell = width / CellsAcross;

        var hidden = 0;
        var drawn = 0;
        var restricted = 0;
        var groups = new Dictionary<(long, long), List<(FacilityListing Facility, double X, double Y)>>();
        foreach (var facility in facilities)
        {
            if (facility.Location is not { } location)
                continue;
            if (!facility.LocationPublic && !showRestricted)
            {
                hidden++;
                continue;
            }
            var (px, py) = CityGeometry.Project(location.Latitude, location.Longitude);
            if (px < x - cell || px > x + width + cell || py < y - cell || py > y + height + cell)
                continue;
            drawn++;
            if (!facility.LocationPublic)
                restricted++;
            var key = z == MaxZoom ? (drawn, 0L) : ((long)Math.Floor(px / cell), (long)Math.Floor(py / cell));
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = [];
            group.Add((facility, px, py));
        }

        var marks = groups.Values
            .Select(g => g.Count == 1
                ? new MapMark(g[0].X, g[0].Y, 1, StateOf(g[0].Facility), g[0].Facility)
                : new MapMark(g.Average(f => f.X), g.Average(f => f.Y), g.Count, g.Select(f => StateOf(f.Facility)).Max(), null))
            .OrderBy(m => m.State) // the worst are drawn last, on top
            .ToList();
        return new MapView(z, x, y, width, height, marks, drawn, hidden, restricted);
    }

    static MarkState StateOf(FacilityListing facility)
        => facility.Offline ? MarkState.Offline : facility.Available ? MarkState.Ok : MarkState.Down;
}

/// <summary>One dot: a facility, or a cluster of <see cref="Count"/> facilities coloured by the worst of them.</summary>
public sealed record MapMark(double X, double Y, int Count, MarkState State, FacilityListing? Facility);

public enum MarkState
{
    Ok,
    Offline,
    Down,
}
