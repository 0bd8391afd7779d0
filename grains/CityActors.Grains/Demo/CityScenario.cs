using System.Globalization;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Demo;

/// <summary>What the demo city does: normal days, faults and repairs, power outages, air-raid alerts, cameras dropping off.</summary>
/// <remarks>
/// Every facility's condition is a pure function of its index and the time (<see cref="ConditionOf(string, DateTimeOffset)"/>), so a run is
/// reproducible and needs no per-facility bookkeeping beyond what was last sent. <see cref="Step"/> sends what changed
/// first, then heartbeats round-robin within the budget; a facility that is silent (camera without power or link) sends
/// nothing and so goes offline at its kind's threshold.
/// </remarks>
public sealed class CityScenario
{
    static readonly TimeSpan s_faultSlot = TimeSpan.FromMinutes(30);
    static readonly TimeSpan s_dropSlot = TimeSpan.FromMinutes(20);
    static readonly TimeSpan s_drift = TimeSpan.FromMinutes(10);

    readonly DemoFacility[] _facilities;
    readonly Condition?[] _sent;
    readonly int _seed;
    readonly SimulatorOptions _options;
    readonly DateTimeOffset _start;
    readonly string _run;
    int _cursor;
    long _sequence;

    public CityScenario(DemoCity city, int seed, SimulatorOptions options, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(options);
        _facilities = [.. city.Facilities];
        _sent = new Condition?[_facilities.Length];
        _seed = seed;
        _options = options;
        _start = start;
        _run = start.UtcTicks.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>A facility's simulated condition: silent, or a status with its readings.</summary>
    public sealed record Condition(bool Silent, string Status, IReadOnlyDictionary<string, double> Readings)
    {
        public bool Same(Condition other) => other.Silent == Silent && other.Status == Status
            && other.Readings.Count == Readings.Count && Readings.All(r => other.Readings.TryGetValue(r.Key, out var v) && v == r.Value);
    }

    /// <summary>The air-raid alert running at <paramref name="now"/>, if any: the n-th starts 3 minutes + n × AirRaidEvery after the start.</summary>
    public (DateTimeOffset Start, DateTimeOffset End, int Number)? AirRaidAt(DateTimeOffset now)
    {
        var number = Slot(now - _start - TimeSpan.FromMinutes(3), _options.AirRaidEvery);
        if (number < 0)
            return null;
        var begin = _start + TimeSpan.FromMinutes(3) + _options.AirRaidEvery * number;
        var end = begin + TimeSpan.FromMinutes(6 + number % 5);
        return now < end ? (begin, end, (int)number) : null;
    }

    /// <summary>The power outage running at <paramref name="now"/>, if any, and the district it hits (alternating).</summary>
    public (DateTimeOffset Start, DateTimeOffset End, string District)? PowerOutageAt(DateTimeOffset now)
    {
        var number = Slot(now - _start - TimeSpan.FromMinutes(10), _options.PowerOutageEvery);
        if (number < 0)
            return null;
        var begin = _start + TimeSpan.FromMinutes(10) + _options.PowerOutageEvery * number;
        var end = begin + TimeSpan.FromMinutes(8 + number % 4);
        return now < end ? (begin, end, number % 2 == 0 ? ZhytomyrData.Koroliovskyi : ZhytomyrData.Bohunskyi) : null;
    }

    /// <summary>The updates to send now: every facility whose condition changed, then up to <paramref name="budget"/> heartbeats.</summary>
    public IReadOnlyList<(string Key, StatusUpdate Update)> Step(DateTimeOffset now, int budget)
    {
        var updates = new List<(string, StatusUpdate)>();
        for (var i = 0; i < _facilities.Length; i++)
        {
            var condition = ConditionOf(i, now);
            if (_sent[i] is { } sent && sent.Same(condition))
                continue;
            _sent[i] = condition;
            if (!condition.Silent)
                updates.Add(Update(i, condition, now));
        }
        for (var sent = 0; sent < budget && sent < _facilities.Length; sent++)
        {
            var i = _cursor;
            _cursor = (_cursor + 1) % _facilities.Length;
            if (_sent[i] is { Silent: false } condition)
                updates.Add(Update(i, condition, now));
        }
        return updates;
    }

    (string, StatusUpdate) Update(int index, Condition condition, DateTimeOffset now)
    {
        var facility = _facilities[index];
        var id = string.Create(CultureInfo.InvariantCulture, $"{_run}-{++_sequence}");
        return (facility.Key, new StatusUpdate(condition.Status, condition.Readings, now, $"urn:cityactors:simulator:{facility.Registration.Department}", id));
    }

    public Condition ConditionOf(string key, DateTimeOffset now) => ConditionOf(Array.FindIndex(_facilities, f => f.Key == key), now);

    Condition ConditionOf(int index, DateTimeOffset now)
    {
        var facility = _facilities[index];
        var registration = facility.Registration;
        var outage = PowerOutageAt(now) is { } o && o.District == registration.District ? o : ((DateTimeOffset Start, DateTimeOffset End, string District)?)null;
        var dark = outage is not null;
        var minutesDark = outage is { } running ? (now - running.Start).TotalMinutes : 0;
        var faulted = Faulted(index, registration.Kind, now);
        var local = KyivCalendar.LocalTime(now);
        var capacity = registration.Capacity ?? 100;
        var power = dark ? 0.0 : 1.0;
        return registration.Kind switch
        {
            "school" => Education(index, now, Open(local, 8, 18, saturday: false), faulted, capacity, power),
            "kindergarten" => Education(index, now, Open(local, 7, 19, saturday: false), faulted, capacity, power),
            "out-of-school" => Education(index, now, Open(local, 9, 20, saturday: true), faulted, capacity, power),
            "clinic" => new(false, faulted ? "emergency" : Open(local, 8, 20, saturday: true) ? "open" : "closed",
                Readings(("power", power), ("generator", dark ? 1 : 0), ("temperature", Round(19 + 3 * Noise(index, now, 1), 0.5)))),
            "hospital" => new(false, faulted ? "reduced" : dark ? "generator" : "normal",
                Readings(("power", power), ("generator-fuel", Math.Max(0, Math.Round(100 - 2 * minutesDark))), ("oxygen", Math.Round(55 + 40 * Noise(index, now, 2))),
                    ("beds-free", Math.Round(capacity * (0.05 + 0.2 * Noise(index, now, 3)))))),
            "traffic-signal" => dark
                ? new(false, facility.BackupPower ? "normal" : "dark", Readings(("mains-power", 0), ("backup-power", facility.BackupPower ? 1 : 0)))
                : new(false, faulted ? "flashing" : "normal", Readings(("mains-power", 1), ("backup-power", 0))),
            "cctv-camera" => dark || Dropped(index, now)
                ? new(true, "recording", Readings())
                : new(false, faulted ? "fault" : "recording", Readings(("bitrate", faulted ? 0 : Round(2000 + 4000 * Noise(index, now, 4), 100)))),
            "boiler-house" => Boiler(index, now, local, faulted, dark, minutesDark),
            "sewage-pumping-station" => new(false, faulted ? (index % 2 == 0 ? "fault" : "overflow") : dark ? "generator" : "operating",
                Readings(("well-level", faulted ? 92 : Math.Round(20 + 50 * Noise(index, now, 5))), ("pumps-running", faulted ? 0 : 1 + index % 3), ("mains-power", power))),
            "siren" => new(false, faulted ? "fault" : AirRaidAt(now) is { } raid && now < raid.Start + TimeSpan.FromMinutes(2) ? "sounding" : "ready",
                Readings(("mains-power", power), ("battery", Math.Round(dark ? 100 - minutesDark : 95 + 5 * Noise(index, now, 6))))),
            "invincibility-point" => dark
                ? new(false, "active", Readings(("power", 1), ("heating", 1), ("water", 1), ("connectivity", index % 9 == 4 ? 0 : 1), ("visitors", Math.Round(minutesDark * (2 + index % 5)))))
                : new(false, "standby", Readings(("power", 1), ("heating", 1), ("water", 1), ("connectivity", 1), ("visitors", 0))),
            "shelter" or "modular-shelter" => Shelter(index, now, faulted, capacity, power),
            _ => new(false, Kinds.BuiltInKinds.All.FirstOrDefault(k => k.Id == registration.Kind)?.Statuses[0].Code ?? "open", Readings()),
        };
    }

    Condition Education(int index, DateTimeOffset now, bool open, bool faulted, int capacity, double power)
        => new(false, faulted ? "emergency" : open ? "open" : "closed", Readings(
            ("temperature", Round(19 + 4 * Noise(index, now, 7), 0.5)),
            ("occupancy", open ? Math.Round(capacity * (0.6 + 0.35 * Noise(index, now, 8))) : 0),
            ("power", power)));

    Condition Boiler(int index, DateTimeOffset now, DateTime local, bool faulted, bool dark, double minutesDark)
    {
        var heating = local.Month is >= 10 or <= 4;
        var supply = faulted ? 35 : Math.Round((heating ? 70 : 55) + 15 * Noise(index, now, 9));
        return new(false, faulted ? "fault" : dark ? "generator" : "operating", Readings(
            ("supply-temperature", supply), ("return-temperature", Math.Max(0, supply - 20)), ("pressure", Round(3 + 2 * Noise(index, now, 10), 0.1)),
            ("mains-power", dark ? 0 : 1), ("generator-fuel", Math.Max(0, Math.Round(100 - 3 * minutesDark)))));
    }

    Condition Shelter(int index, DateTimeOffset now, bool faulted, int capacity, double power)
    {
        if (faulted)
            return new(false, "unusable", Readings(("occupancy", 0), ("door-open", 0), ("power", power)));
        // During an alert each shelter opens 30 s to 4 min after it starts and closes 1 to 5 min after it ends.
        var raid = AirRaidAt(now) ?? AirRaidAt(now - TimeSpan.FromMinutes(5));
        if (raid is { } alert)
        {
            var opens = alert.Start + TimeSpan.FromSeconds(30 + 210 * Hash(index, alert.Number, 11));
            var closes = alert.End + TimeSpan.FromSeconds(60 + 240 * Hash(index, alert.Number, 12));
            if (now >= opens && now < closes)
            {
                var filling = Math.Min(1, (1 + Math.Floor((now - opens).TotalMinutes)) / 5); // people keep coming for five minutes
                var stuck = Hash(index, alert.Number, 13) < 0.02; // an electronic lock that did not open
                var occupancy = stuck ? 0 : Math.Round(capacity * (0.2 + 0.6 * Hash(index, alert.Number, 14)) * filling);
                return new(false, "open", Readings(("occupancy", occupancy), ("door-open", stuck ? 0 : 1), ("power", power)));
            }
        }
        return new(false, "closed", Readings(("occupancy", 0), ("door-open", 0), ("power", power)));
    }

    /// <summary>Faults: in each half hour a facility may fail, with a probability by kind, for 5 to 25 minutes.</summary>
    bool Faulted(int index, string kind, DateTimeOffset now)
    {
        var chance = kind switch
        {
            "boiler-house" or "sewage-pumping-station" => 0.03,
            "traffic-signal" => 0.02,
            "hospital" => 0.01,
            "cctv-camera" or "siren" => 0.005,
            "invincibility-point" => 0.0,
            _ => 0.002,
        };
        var slot = Slot(now - _start, s_faultSlot);
        if (Hash(index, slot, 20) >= chance)
            return false;
        var begins = _start + s_faultSlot * slot + TimeSpan.FromMinutes(25 * Hash(index, slot, 21));
        return now >= begins && now < begins + TimeSpan.FromMinutes(5 + 20 * Hash(index, slot, 22));
    }

    /// <summary>Cameras drop off their link now and then: about one in fifty per 20 minutes, for 6 to 15 minutes.</summary>
    bool Dropped(int index, DateTimeOffset now)
    {
        var slot = Slot(now - _start, s_dropSlot);
        if (Hash(index, slot, 30) >= 0.02)
            return false;
        var begins = _start + s_dropSlot * slot + TimeSpan.FromMinutes(5 * Hash(index, slot, 31));
        return now >= begins && now < begins + TimeSpan.FromMinutes(6 + 9 * Hash(index, slot, 32));
    }

    static bool Open(DateTime local, int from, int to, bool saturday)
        => local.Hour >= from && local.Hour < to && (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || (saturday && local.DayOfWeek == DayOfWeek.Saturday));

    /// <summary>A value in [0, 1) that holds for ten minutes at a time (facilities drift out of phase), so most reports are heartbeats.</summary>
    double Noise(int index, DateTimeOffset now, int salt) => Hash(index, Slot(now - _start + TimeSpan.FromSeconds(index * 7 % 600), s_drift), salt);

    static long Slot(TimeSpan elapsed, TimeSpan slot) => elapsed < TimeSpan.Zero ? -1 : elapsed.Ticks / slot.Ticks;

    /// <summary>SplitMix64 of the inputs, as a double in [0, 1): the same inputs always give the same value.</summary>
    double Hash(int index, long slot, int salt)
    {
        var x = unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xBF58476D1CE4E5B9UL ^ (ulong)slot * 0x94D049BB133111EBUL ^ (ulong)salt * 0x2545F4914F6CDD1DUL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    static double Round(double value, double step) => Math.Round(value / step) * step;

    static Dictionary<string, double> Readings(params (string Name, double Value)[] readings) => readings.ToDictionary(r => r.Name, r => r.Value);
}
