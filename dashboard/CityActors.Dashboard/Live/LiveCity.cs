using CityActors.Grains.Aggregation;
using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;

namespace CityActors.Dashboard.Live;

/// <summary>The city as the dashboard last heard it: the rollup moved on by deltas, the latest changes and the alarms seen.</summary>
/// <remarks>Not thread-safe: <see cref="CityFeed"/> guards it.</remarks>
public sealed class LiveCity
{
    /// <summary>How many of the latest facility changes are kept for the overview.</summary>
    public const int RecentCapacity = 30;

    /// <summary>How many active alarms are loaded at start; the counts by severity are always complete.</summary>
    public const int AlarmCapacity = 1_000;

    /// <summary>The window the update rate is measured over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    readonly Dictionary<(string Kind, string Status), int> _kindStatus = [];
    readonly Dictionary<string, RollupCounts> _kinds = [];
    readonly Dictionary<string, RollupCounts> _districts = [];
    readonly Dictionary<string, RollupCounts> _departments = [];
    readonly Dictionary<(string Facility, string Type), AlarmNotice> _alarms = [];
    readonly LinkedList<FacilityChange> _recent = new();
    readonly Queue<(DateTimeOffset At, int Count)> _arrivals = new();
    int _arrivalsInWindow;

    public bool Loaded { get; private set; }
    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public RollupCounts Total { get; private set; }
    public AlarmCounts Alarms { get; private set; }

    /// <summary>Deltas applied since the rollup was loaded.</summary>
    public long Deltas { get; private set; }

    public IReadOnlyDictionary<(string Kind, string Status), int> KindStatus => _kindStatus;
    public IReadOnlyDictionary<string, RollupCounts> Kinds => _kinds;
    public IReadOnlyDictionary<string, RollupCounts> Districts => _districts;
    public IReadOnlyDictionary<string, RollupCounts> Departments => _departments;

    /// <summary>Active alarms, most severe first, then oldest.</summary>
    public IEnumerable<AlarmNotice> ActiveAlarms => _alarms.Values.OrderByDescending(a => a.Severity).ThenBy(a => a.At);

    /// <summary>The latest facility changes, newest first.</summary>
    public IEnumerable<FacilityChange> Recent => _recent;

    /// <summary>Facility changes per second over the last <see cref="RateWindow"/>.</summary>
    public double ChangesPerSecond(DateTimeOffset now)
    {
        Expire(now);
        return _arrivalsInWindow / RateWindow.TotalSeconds;
    }

    public void Load(CityRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        _kindStatus.Clear();
        foreach (var entry in rollup.KindStatus)
            _kindStatus[(entry.Kind, entry.Status)] = entry.Count;
        Fill(_kinds, rollup.Kinds, clear: true);
        Fill(_districts, rollup.Districts, clear: true);
        Fill(_departments, rollup.Departments, clear: true);
        Total = rollup.Total;
        Alarms = rollup.Alarms;
        At = rollup.At;
        Sequence = Math.Max(Sequence, rollup.Sequence);
        Loaded = true;
    }

    /// <summary>The alarms active when the dashboard started, from the facility directory.</summary>
    public void LoadAlarms(IEnumerable<ActiveAlarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (var active in alarms)
        {
            var alarm = active.Alarm;
            _alarms.TryAdd((active.Facility, alarm.Type), new AlarmNotice(active.Facility, active.Kind, alarm.Type, alarm.Severity, alarm.State,
                alarm.Reminders, alarm.RaisedAt, alarm.AcknowledgedBy ?? alarm.RaisedBy, alarm.Message));
        }
    }

    /// <summary>Applies a delta newer than what is held; values in a delta are absolute, so an old one is simply skipped.</summary>
    public void Apply(CityDelta delta, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (Loaded && delta.Sequence <= Sequence)
            return;
        Sequence = delta.Sequence;
        At = delta.At;
        Deltas++;
        if (delta.Total is { } total)
            Total = total;
        if (delta.Alarms is { } alarms)
            Alarms = alarms;
        foreach (var entry in delta.KindStatus)
        {
            if (entry.Count == 0)
                _kindStatus.Remove((entry.Kind, entry.Status));
            else
                _kindStatus[(entry.Kind, entry.Status)] = entry.Count;
        }
        Fill(_kinds, delta.Kinds, clear: false);
        Fill(_districts, delta.Districts, clear: false);
        Fill(_departments, delta.Departments, clear: false);
        foreach (var change in delta.Facilities)
        {
            _recent.AddFirst(change);
            if (_recent.Count > RecentCapacity)
                _recent.RemoveLast();
        }
        foreach (var notice in delta.AlarmNotices)
        {
            if (notice.State == AlarmState.Cleared)
                _alarms.Remove((notice.FacilityKey, notice.AlarmType));
            else if (notice.State == AlarmState.Acknowledged && _alarms.TryGetValue((notice.FacilityKey, notice.AlarmType), out var raised))
                _alarms[(notice.FacilityKey, notice.AlarmType)] = notice with { At = raised.At };
            else
                _alarms[(notice.FacilityKey, notice.AlarmType)] = notice;
        }
        if (delta.Facilities.Count > 0)
        {
            _arrivals.Enqueue((now, delta.Facilities.Count));
            _arrivalsInWindow += delta.Facilities.Count;
        }
        Expire(now);
    }

    void Expire(DateTimeOffset now)
    {
        while (_arrivals.TryPeek(out var oldest) && now - oldest.At > RateWindow)
            _arrivalsInWindow -= _arrivals.Dequeue().Count;
    }

    static void Fill(Dictionary<string, RollupCounts> target, IReadOnlyList<AreaCounts> source, bool clear)
    {
        if (clear)
            target.Clear();
        foreach (var area in source)
        {
            if (area.Counts.Facilities == 0)
                target.Remove(area.Name);
            else
                target[area.Name] = area.Counts;
        }
    }
}
