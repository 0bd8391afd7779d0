using CityActors.Grains.Projects;

namespace CityActors.Grains.Aggregation;

/// <summary>The exact yearly accumulators: per year, kind and department, and project status classes per year and priority.</summary>
/// <remarks>
/// Only <see cref="LatestYear"/> has open parts (facilities in service, outages running): each is a count and a sum of
/// start times, so the time accrued up to any moment is <c>count × now − sum</c>, exact in ticks, without a copy of any
/// facility. Earlier years are closed when the first event of a later year arrives.
/// </remarks>
public sealed record YearlyState
{
    /// <summary>The latest year any event fell in (Europe/Kyiv); 0 before the first.</summary>
    public int LatestYear { get; init; }

    public IReadOnlyList<YearCellEntry> Cells { get; init; } = [];

    public IReadOnlyList<ProjectClassEntry> ProjectClasses { get; init; } = [];
}

public sealed record YearCellEntry(int Year, string Kind, string Department, YearCell Cell);

public sealed record ProjectClassEntry(int Year, string Priority, ProjectStatusClass StatusClass, int Projects);

/// <summary>One year of one kind of facility of one department. Times are UTC ticks; sums are 128-bit so they never overflow.</summary>
/// <remarks>A value type with setters so the accumulator can update cells in place; the state only ever holds copies.</remarks>
public record struct YearCell
{
    public int AtStart { get; set; }
    public int AtEnd { get; set; }

    /// <summary>Facilities in the group now (open membership; latest year only).</summary>
    public int Members { get; set; }
    public Int128 MemberSinceSum { get; set; }
    public Int128 ExposureClosed { get; set; }

    /// <summary>Facilities of the group not available now (open outages; latest year only).</summary>
    public int Down { get; set; }
    public Int128 DownSinceSum { get; set; }
    public Int128 DownClosed { get; set; }

    public int Outages { get; set; }
    public int Restored { get; set; }
    public Int128 RestoredTicks { get; set; }
    public int AlarmsRaised { get; set; }
    public int CriticalAlarmsRaised { get; set; }
    public int Updates { get; set; }
}
