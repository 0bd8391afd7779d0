using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Aggregation;

/// <summary>The city's live counts: by kind and effective status, by kind, district and department, and active alarms.</summary>
public sealed record LiveRollup
{
    public RollupCounts Total { get; init; }
    public IReadOnlyList<KindStatusCount> KindStatus { get; init; } = [];
    public IReadOnlyList<AreaCounts> Kinds { get; init; } = [];
    public IReadOnlyList<AreaCounts> Districts { get; init; } = [];
    public IReadOnlyList<AreaCounts> Departments { get; init; } = [];
    public AlarmCounts Alarms { get; init; }
}

/// <summary>Applies footprint changes to a copy of the rollup for one batch and remembers what changed, for the delta.</summary>
/// <remarks>Each facility event says what the facility counted for before and after it, so no per-facility copy is needed here.</remarks>
public sealed class LiveRollupBuilder
{
    readonly Dictionary<(string Kind, string Status), int> _kindStatus;
    readonly Dictionary<string, RollupCounts> _kinds;
    readonly Dictionary<string, RollupCounts> _districts;
    readonly Dictionary<string, RollupCounts> _departments;
    readonly HashSet<(string, string)> _touchedKindStatus = [];
    readonly HashSet<string> _touchedKinds = [];
    readonly HashSet<string> _touchedDistricts = [];
    readonly HashSet<string> _touchedDepartments = [];
    readonly Dictionary<string, FacilityChange> _facilities = new(StringComparer.Ordinal);
    readonly List<AlarmNotice> _notices = [];
    readonly RollupCounts _totalBefore;
    readonly AlarmCounts _alarmsBefore;
    RollupCounts _total;
    AlarmCounts _alarms;

    public LiveRollupBuilder(LiveRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        _kindStatus = rollup.KindStatus.ToDictionary(c => (c.Kind, c.Status), c => c.Count);
        _kinds = rollup.Kinds.ToDictionary(a => a.Name, a => a.Counts, StringComparer.Ordinal);
        _districts = rollup.Districts.ToDictionary(a => a.Name, a => a.Counts, StringComparer.Ordinal);
        _departments = rollup.Departments.ToDictionary(a => a.Name, a => a.Counts, StringComparer.Ordinal);
        _total = _totalBefore = rollup.Total;
        _alarms = _alarmsBefore = rollup.Alarms;
    }

    public bool Changed => _total != _totalBefore || _alarms != _alarmsBefore || _touchedKindStatus.Count > 0 || _touchedKinds.Count > 0
        || _touchedDistricts.Count > 0 || _touchedDepartments.Count > 0 || _facilities.Count > 0 || _notices.Count > 0;

    public void Apply(CityEvent @event)
    {
        if (@event is not FacilityEvent facilityEvent)
            return;
        if (facilityEvent.Before is { } before)
            Count(before, -1);
        if (facilityEvent.After is { } after)
        {
            Count(after, +1);
            _facilities[facilityEvent.Subject] = new FacilityChange(facilityEvent.Subject, after.Dims.Kind, after.Dims.District, after.Dims.Department,
                after.Status, after.Available, after.Offline, after.Alarms, facilityEvent.Change.ObservedAt);
        }
        if (Notice(facilityEvent) is { } notice)
            _notices.Add(notice);
    }

    static AlarmNotice? Notice(FacilityEvent @event)
    {
        var (type, severity, state, reminders, message) = @event switch
        {
            AlarmRaised r => (r.Type, r.Severity, AlarmState.Raised, 0, r.Message),
            AlarmAcknowledged a => (a.Type, a.Severity, AlarmState.Acknowledged, 0, ""),
            AlarmCleared c => (c.Type, c.Severity, AlarmState.Cleared, 0, ""),
            AlarmReminded m => (m.Type, m.Severity, AlarmState.Raised, m.Reminder, ""),
            _ => (null, default(AlarmSeverity), default(AlarmState), 0, ""),
        };
        if (type is null)
            return null;
        var change = @event.Change;
        return new AlarmNotice(@event.Subject, @event.Dims?.Kind ?? "", type, severity, state, reminders, change.ObservedAt, change.By, message);
    }

    void Count(Footprint footprint, int sign)
    {
        var counts = new RollupCounts(sign, footprint.Available ? sign : 0, footprint.Offline ? sign : 0,
            sign > 0 ? footprint.Alarms : default(AlarmCounts) - footprint.Alarms);
        var dims = footprint.Dims;
        var key = (dims.Kind, footprint.Status);
        _kindStatus[key] = _kindStatus.GetValueOrDefault(key) + sign;
        _touchedKindStatus.Add(key);
        Add(_kinds, _touchedKinds, dims.Kind, counts);
        Add(_districts, _touchedDistricts, dims.District, counts);
        Add(_departments, _touchedDepartments, dims.Department, counts);
        _total += counts;
        _alarms += counts.Alarms;
    }

    static void Add(Dictionary<string, RollupCounts> map, HashSet<string> touched, string key, RollupCounts counts)
    {
        map[key] = map.GetValueOrDefault(key) + counts;
        touched.Add(key);
    }

    public LiveRollup ToRollup() => new()
    {
        Total = _total,
        KindStatus = [.. _kindStatus.Where(e => e.Value != 0).OrderBy(e => e.Key.Kind, StringComparer.Ordinal).ThenBy(e => e.Key.Status, StringComparer.Ordinal)
            .Select(e => new KindStatusCount(e.Key.Kind, e.Key.Status, e.Value))],
        Kinds = Areas(_kinds),
        Districts = Areas(_districts),
        Departments = Areas(_departments),
        Alarms = _alarms,
    };

    /// <summary>The changed entries with their new values; a cell that dropped to zero is sent as zero.</summary>
    public CityDelta ToDelta(string city, long sequence, DateTimeOffset at) => new(
        city,
        sequence,
        at,
        _total != _totalBefore ? _total : null,
        [.. _touchedKindStatus.Select(k => new KindStatusCount(k.Item1, k.Item2, _kindStatus.GetValueOrDefault(k)))],
        [.. _touchedKinds.Select(k => new AreaCounts(k, _kinds[k]))],
        [.. _touchedDistricts.Select(k => new AreaCounts(k, _districts[k]))],
        [.. _touchedDepartments.Select(k => new AreaCounts(k, _departments[k]))],
        _alarms != _alarmsBefore ? _alarms : null,
        [.. _facilities.Values],
        [.. _notices]);

    static List<AreaCounts> Areas(Dictionary<string, RollupCounts> map)
        => [.. map.Where(e => e.Value != default).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new AreaCounts(e.Key, e.Value))];
}
