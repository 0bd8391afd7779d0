using System.Runtime.InteropServices;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Aggregation;

/// <summary>Folds city events into <see cref="YearlyState"/>: the same events in the same order give the same state, live or rebuilt.</summary>
/// <remarks>
/// Facility events carry the facility's footprint before and after; a change of availability opens or closes an
/// outage at the footprint's <c>AvailableSince</c>, registration opens membership at <c>MemberSince</c>. An interval
/// that starts in an earlier year than the latest is closed into the years it spans; times earlier than the latest
/// year's start on a closing event are clamped to it (only clocks far behind produce them).
/// </remarks>
public sealed class YearlyAccumulator
{
    readonly Dictionary<(int Year, string Kind, string Department), YearCell> _cells;
    readonly Dictionary<(int Year, string Priority, ProjectStatusClass Class), int> _projects;
    readonly bool _byDistrict;
    int _latest;
    long _latestStart;
    long _latestEnd;

    /// <param name="byDistrict">
    /// Group facilities by kind and district instead of kind and department: the district goes in the department's
    /// place, so the same arithmetic gives the district figures, and a facility that moves district leaves one group and
    /// enters the other.
    /// </param>
    public YearlyAccumulator(YearlyState state, bool byDistrict = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        _byDistrict = byDistrict;
        _cells = state.Cells.ToDictionary(e => (e.Year, e.Kind, e.Department), e => e.Cell);
        _projects = state.ProjectClasses.ToDictionary(e => (e.Year, e.Priority, e.StatusClass), e => e.Projects);
        SetLatest(state.LatestYear);
    }

    public void Apply(CityEvent @event)
    {
        switch (@event)
        {
            case FacilityEvent facilityEvent:
                ApplyFacility(facilityEvent);
                break;
            case ProjectReportSubmitted submitted:
                CountProject(submitted.Report.Year, submitted.Priority, submitted.Report.StatusClass, +1);
                if (submitted.PreviousClass is { } previous)
                    CountProject(submitted.Report.Year, submitted.Priority, previous, -1);
                break;
            case ProjectReportWithdrawn withdrawn:
                CountProject(withdrawn.Report.Year, withdrawn.Priority, withdrawn.Report.StatusClass, -1);
                break;
            case ProjectRegistered { PreviousPriority: { } old, ReportClasses: { } classes } moved:
                foreach (var (year, statusClass) in classes)
                {
                    CountProject(year, old, statusClass, -1);
                    CountProject(year, moved.Registration.Priority, statusClass, +1);
                }
                break;
        }
    }

    void ApplyFacility(FacilityEvent @event)
    {
        if (@event is StatusReported { Dims: { } dims })
            At(@event.Change.ReceivedAt, dims.Kind, Second(dims)).Updates++;
        if (@event is AlarmRaised { Dims: { } alarmDims } raised)
        {
            ref var cell = ref At(@event.Change.ObservedAt, alarmDims.Kind, Second(alarmDims));
            cell.AlarmsRaised++;
            if (raised.Severity == AlarmSeverity.Critical)
                cell.CriticalAlarmsRaised++;
        }
        switch (@event.Before, @event.After)
        {
            case (null, { } entered):
                Enter(entered);
                break;
            case ({ } before, { } after) when Group(before) != Group(after):
                Leave(before, after.MemberSince);
                Enter(after);
                break;
            case ({ Available: true }, { Available: false } after):
                OpenDown(Group(after), DownSince(after), countOutage: true);
                break;
            case ({ Available: false } before, { Available: true } after):
                CloseDown(Group(before), DownSince(before), after.AvailableSince, before.AvailableSince, countRestore: true);
                break;
        }
    }

    (string Kind, string Department) Group(Footprint footprint) => (footprint.Dims.Kind, Second(footprint.Dims));

    /// <summary>The second dimension of a group: the department, or the district in its place.</summary>
    string Second(FacilityDims dims) => _byDistrict ? dims.District : dims.Department;

    /// <summary>Downtime is counted in a group from when the facility was both unavailable and in it.</summary>
    static DateTimeOffset DownSince(Footprint footprint) => footprint.AvailableSince >= footprint.MemberSince ? footprint.AvailableSince : footprint.MemberSince;

    void Enter(Footprint footprint)
    {
        var group = Group(footprint);
        OpenMember(group, footprint.MemberSince);
        if (!footprint.Available)
            OpenDown(group, DownSince(footprint), countOutage: false);
    }

    void Leave(Footprint footprint, DateTimeOffset at)
    {
        var group = Group(footprint);
        if (!footprint.Available)
            CloseDown(group, DownSince(footprint), at, footprint.AvailableSince, countRestore: false);
        CloseMember(group, footprint.MemberSince, at);
    }

    void OpenMember((string Kind, string Department) group, DateTimeOffset since)
    {
        var s = Roll(since);
        var year = Year(s);
        if (year < _latest)
        {
            ref var first = ref Cell(year, group);
            first.ExposureClosed += StartTicks(year + 1) - s;
            first.AtEnd++;
            for (var between = year + 1; between < _latest; between++)
            {
                ref var full = ref Cell(between, group);
                full.ExposureClosed += StartTicks(between + 1) - StartTicks(between);
                full.AtStart++;
                full.AtEnd++;
            }
            s = _latestStart;
            Cell(_latest, group).AtStart++;
        }
        ref var cell = ref Cell(_latest, group);
        cell.Members++;
        cell.MemberSinceSum += s;
        cell.AtEnd++;
    }

    void CloseMember((string Kind, string Department) group, DateTimeOffset since, DateTimeOffset until)
    {
        var end = Roll(until);
        var start = Math.Max(since.UtcTicks, _latestStart);
        ref var cell = ref Cell(_latest, group);
        cell.Members--;
        cell.MemberSinceSum -= start;
        cell.ExposureClosed += Math.Max(end, start) - start;
        cell.AtEnd--;
    }

    void OpenDown((string Kind, string Department) group, DateTimeOffset since, bool countOutage)
    {
        var s = Roll(since);
        var year = Year(s);
        if (countOutage)
            Cell(year, group).Outages++;
        if (year < _latest)
        {
            Cell(year, group).DownClosed += StartTicks(year + 1) - s;
            for (var between = year + 1; between < _latest; between++)
                Cell(between, group).DownClosed += StartTicks(between + 1) - StartTicks(between);
            s = _latestStart;
        }
        ref var cell = ref Cell(_latest, group);
        cell.Down++;
        cell.DownSinceSum += s;
    }

    void CloseDown((string Kind, string Department) group, DateTimeOffset since, DateTimeOffset until, DateTimeOffset outageStart, bool countRestore)
    {
        var end = Roll(until);
        var start = Math.Max(since.UtcTicks, _latestStart);
        ref var cell = ref Cell(_latest, group);
        cell.Down--;
        cell.DownSinceSum -= start;
        cell.DownClosed += Math.Max(end, start) - start;
        if (!countRestore)
            return;
        var restoredAt = Math.Max(end, outageStart.UtcTicks);
        ref var restored = ref Cell(Year(restoredAt), group);
        restored.Restored++;
        restored.RestoredTicks += restoredAt - outageStart.UtcTicks;
    }

    void CountProject(int year, string priority, ProjectStatusClass statusClass, int delta)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_projects, (year, priority, statusClass), out _);
        count += delta;
    }

    ref YearCell At(DateTimeOffset time, string kind, string department) => ref Cell(Year(Roll(time)), (kind, department));

    ref YearCell Cell(int year, (string Kind, string Department) group)
        => ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, (year, group.Kind, group.Department), out _);

    /// <summary>Makes the year of <paramref name="time"/> the latest if it is later, closing the years before; returns its ticks.</summary>
    long Roll(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        if (_latest == 0)
            SetLatest(KyivCalendar.YearOf(time));
        while (ticks >= _latestEnd)
        {
            var boundary = _latestEnd;
            var closing = _cells.Where(e => e.Key.Year == _latest).ToList();
            foreach (var ((_, kind, department), cell) in closing)
            {
                var closed = cell with
                {
                    ExposureClosed = cell.ExposureClosed + cell.Members * (Int128)boundary - cell.MemberSinceSum,
                    DownClosed = cell.DownClosed + cell.Down * (Int128)boundary - cell.DownSinceSum,
                    Members = 0, MemberSinceSum = 0, Down = 0, DownSinceSum = 0,
                };
                _cells[(_latest, kind, department)] = closed;
                if (cell.AtEnd == 0 && cell.Down == 0)
                    continue;
                ref var next = ref Cell(_latest + 1, (kind, department));
                next.AtStart = next.AtEnd = cell.AtEnd;
                next.Members = cell.Members;
                next.MemberSinceSum = cell.Members * (Int128)boundary;
                next.Down = cell.Down;
                next.DownSinceSum = cell.Down * (Int128)boundary;
            }
            SetLatest(_latest + 1);
        }
        return ticks;
    }

    void SetLatest(int year)
    {
        _latest = year;
        _latestStart = year == 0 ? long.MinValue : KyivCalendar.StartOf(year).UtcTicks;
        _latestEnd = year == 0 ? long.MinValue : KyivCalendar.StartOf(year + 1).UtcTicks;
    }

    int Year(long ticks) => ticks >= _latestStart && ticks < _latestEnd ? _latest : KyivCalendar.YearOf(new DateTimeOffset(ticks, TimeSpan.Zero));

    static long StartTicks(int year) => KyivCalendar.StartOf(year).UtcTicks;

    public YearlyState ToState() => new()
    {
        LatestYear = _latest,
        Cells = [.. _cells.Where(e => e.Value != default).OrderBy(e => e.Key.Year).ThenBy(e => e.Key.Kind, StringComparer.Ordinal).ThenBy(e => e.Key.Department, StringComparer.Ordinal)
            .Select(e => new YearCellEntry(e.Key.Year, e.Key.Kind, e.Key.Department, e.Value))],
        ProjectClasses = [.. _projects.Where(e => e.Value != 0).OrderBy(e => e.Key.Year).ThenBy(e => e.Key.Priority, StringComparer.Ordinal).ThenBy(e => e.Key.Class)
            .Select(e => new ProjectClassEntry(e.Key.Year, e.Key.Priority, e.Key.Class, e.Value))],
    };

    /// <summary>The figures of <paramref name="year"/> with the open parts counted up to <paramref name="asOf"/>.</summary>
    public YearlyFigures Figures(int year, DateTimeOffset asOf, long sequence)
    {
        var start = StartTicks(year);
        var end = StartTicks(year + 1);
        var at = Math.Clamp(asOf.UtcTicks, start, end);
        var facilities = new List<FacilityYearFigures>();
        if (year > _latest && _latest != 0)
        {
            // Nothing has happened in that year yet: what was open at the end of the latest year simply went on.
            foreach (var ((_, kind, department), cell) in _cells.Where(e => e.Key.Year == _latest && (e.Value.AtEnd != 0 || e.Value.Down != 0)))
            {
                var carried = new YearCell { AtStart = cell.AtEnd, AtEnd = cell.AtEnd, ExposureClosed = cell.Members * (Int128)(at - start), DownClosed = cell.Down * (Int128)(at - start) };
                facilities.Add(Figure(kind, department, carried, 0));
            }
        }
        else
        {
            foreach (var ((_, kind, department), cell) in _cells.Where(e => e.Key.Year == year && e.Value != default))
                facilities.Add(Figure(kind, department, cell, year == _latest ? at : 0));
        }
        var projects = _projects.Where(e => e.Key.Year == year && e.Value != 0)
            .Select(e => new ProjectClassCount(e.Key.Priority, e.Key.Class, e.Value));
        return new YearlyFigures(
            year, new DateTimeOffset(at, TimeSpan.Zero), sequence,
            [.. facilities.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Department, StringComparer.Ordinal)],
            [.. projects.OrderBy(p => p.Priority, StringComparer.Ordinal).ThenBy(p => p.StatusClass)]);
    }

    /// <summary>One cell's figures; <paramref name="openUntil"/> is the moment open parts run to (0: the year is closed).</summary>
    static FacilityYearFigures Figure(string kind, string department, YearCell cell, long openUntil)
    {
        var exposure = cell.ExposureClosed + (openUntil == 0 ? 0 : cell.Members * (Int128)openUntil - cell.MemberSinceSum);
        var down = cell.DownClosed + (openUntil == 0 ? 0 : cell.Down * (Int128)openUntil - cell.DownSinceSum);
        exposure = Int128.Max(exposure, 0);
        down = Int128.Clamp(down, 0, exposure);
        double? availability = exposure > 0 ? 100.0 * (double)(exposure - down) / (double)exposure : null;
        TimeSpan? meanTimeToRestore = cell.Restored > 0 ? Ticks(cell.RestoredTicks / cell.Restored) : null;
        return new FacilityYearFigures(kind, department, cell.AtStart, cell.AtEnd, availability, cell.Outages, Ticks(down), meanTimeToRestore,
            cell.Restored, cell.AlarmsRaised, cell.CriticalAlarmsRaised, cell.Updates, Ticks(exposure));
    }

    static TimeSpan Ticks(Int128 ticks) => ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
}
