extern alias api;

using api::CityActors.ClientApi.Http;
using CityActors.Grains.Alarms;
using CityActors.Grains.Audit;
using CityActors.Grains.Facilities;

namespace CityActors.ClientApi.Tests.Http;

/// <summary>A facility's live changes compared directly give what the generic comparison of the two as JSON gives.</summary>
public sealed class AuditChangesTests
{
    static readonly DateTimeOffset s_at = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What the audit of a status update or an alarm action compared as JSON before it compared directly.</summary>
    internal static object Live(FacilitySnapshot snapshot) => new
    {
        snapshot.Status,
        Readings = snapshot.Readings.ToDictionary(r => r.Key, r => r.Value.Value, StringComparer.Ordinal),
        snapshot.Available,
        snapshot.Offline,
        Alarms = snapshot.Alarms.ToDictionary(a => a.Type, a => new { a.Severity, a.State, a.AcknowledgedBy }, StringComparer.Ordinal),
    };

    internal static FacilitySnapshot Snapshot(string status, IEnumerable<(string Name, double Value)> readings, bool available = true, bool offline = false, params Alarm[] alarms)
        => new("boiler-017", null, status, s_at, readings.ToDictionary(r => r.Name, r => new ReadingValue(r.Value, s_at), StringComparer.Ordinal),
            available, s_at, offline, s_at, null, alarms, 7);

    static Alarm Alarm(string type, AlarmSeverity severity, AlarmState state = AlarmState.Raised, string? acknowledgedBy = null)
        => new(type, severity, $"{type} alarm", state, s_at, "urn:zhytomyr:sensors", AcknowledgedBy: acknowledgedBy);

    static readonly FacilitySnapshot s_base = Snapshot("operating", [("temperature", 71.5), ("pressure", 4.2)], alarms: Alarm("low-pressure", AlarmSeverity.Warning));

    public static TheoryData<string, FacilitySnapshot, FacilitySnapshot> Cases => new()
    {
        { "nothing changed", s_base, s_base with { } },
        { "reading changed", s_base, s_base with { Readings = Readings(("temperature", 72.25), ("pressure", 4.2)) } },
        { "reading added", s_base, s_base with { Readings = Readings(("temperature", 71.5), ("pressure", 4.2), ("Рівень води", 0.1 + 0.2)) } },
        { "reading removed", s_base, s_base with { Readings = Readings(("temperature", 71.5)) } },
        { "first readings", s_base with { Readings = Readings() }, s_base },
        { "zero and minus zero", s_base with { Readings = Readings(("temperature", 0.0)) }, s_base with { Readings = Readings(("temperature", -0.0)) } },
        { "extreme numbers", s_base, s_base with { Readings = Readings(("temperature", 1e300), ("pressure", double.Epsilon), ("flow", 1.0 / 3), ("count", 123456789012)) } },
        { "status changed", s_base, s_base with { Status = "аварія", Available = false } },
        { "went offline", s_base, s_base with { Offline = true, Available = false, Alarms = [s_base.Alarms[0], Alarm(Grains.Alarms.Alarm.Offline, AlarmSeverity.Critical)] } },
        { "alarm raised", s_base with { Alarms = [] }, s_base },
        { "alarm acknowledged", s_base, s_base with { Alarms = [s_base.Alarms[0] with { State = AlarmState.Acknowledged, AcknowledgedBy = "диспетчер Коваленко" }] } },
        { "alarm cleared", s_base, s_base with { Alarms = [] } },
        { "alarm escalated", s_base, s_base with { Alarms = [s_base.Alarms[0] with { Severity = AlarmSeverity.Critical }] } },
        { "long value", s_base, s_base with { Status = new string('ж', 600), Alarms = [s_base.Alarms[0] with { State = AlarmState.Acknowledged, AcknowledgedBy = new string('x', 501) }] } },
        { "more than a hundred changes", s_base, s_base with { Readings = Readings([.. Enumerable.Range(0, 150).Select(i => ($"r{i:D3}", (double)i))]) } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BetweenLive_Case_GivesWhatTheComparisonAsJsonGives(string name, FacilitySnapshot before, FacilitySnapshot after)
    {
        var expected = AuditChanges.Between(Live(before), Live(after));

        var changes = AuditChanges.BetweenLive(before, after);

        Assert.True(expected.SequenceEqual(changes), $"{name}: expected [{string.Join("; ", expected)}], got [{string.Join("; ", changes)}]");
    }

    [Fact]
    public void BetweenLive_ManyRandomPairs_GivesWhatTheComparisonAsJsonGives()
    {
        var random = new Random(2026);
        var changed = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var before = RandomSnapshot(random);
            var after = random.Next(4) == 0 ? before : Mutate(before, random);
            var expected = AuditChanges.Between(Live(before), Live(after));

            var changes = AuditChanges.BetweenLive(before, after);

            Assert.True(expected.SequenceEqual(changes), $"pair {i}: expected [{string.Join("; ", expected)}], got [{string.Join("; ", changes)}]");
            changed += changes.Count > 0 ? 1 : 0;
        }
        Assert.InRange(changed, 1_500, 2_900);
    }

    [Fact]
    public void BetweenLive_ReadingAndAlarm_NamesFieldsAndValuesAsTheAuditShowsThem()
    {
        var after = s_base with
        {
            Readings = Readings(("temperature", 72.25), ("pressure", 4.2)),
            Alarms = [s_base.Alarms[0] with { State = AlarmState.Acknowledged, AcknowledgedBy = "Коваленко" }],
        };

        var changes = AuditChanges.BetweenLive(s_base, after);

        Assert.Equal([new AuditChange("alarms.low-pressure.acknowledgedBy", null, "Коваленко"), new AuditChange("alarms.low-pressure.state", "raised", "acknowledged"),
            new AuditChange("readings.temperature", "71.5", "72.25")], changes);
    }

    static readonly string[] s_statuses = ["operating", "standby", "аварія", "open"];
    static readonly string[] s_readings = ["temperature", "pressure", "Flow", "рівень", "a.b", "co2"];
    static readonly double[] s_values = [0.0, -0.0, 1.5, 0.1 + 0.2, 1.0 / 3, -40, 1e21, 123456.789, double.MaxValue];
    static readonly string[] s_types = ["offline", "dark", "low-pressure", "overheat"];
    static readonly string?[] s_people = [null, null, "диспетчер Коваленко", "operator"];

    static FacilitySnapshot RandomSnapshot(Random random)
        => Snapshot(Pick(random, s_statuses), s_readings.Where(_ => random.Next(2) == 0).Select(r => (r, Pick(random, s_values))),
            random.Next(2) == 0, random.Next(3) == 0, [.. s_types.Where(_ => random.Next(3) == 0).Select(t => RandomAlarm(random, t))]);

    static Alarm RandomAlarm(Random random, string type)
        => Alarm(type, (AlarmSeverity)random.Next(3), (AlarmState)random.Next(3), Pick(random, s_people));

    static FacilitySnapshot Mutate(FacilitySnapshot snapshot, Random random) => random.Next(6) switch
    {
        0 => snapshot with { Status = Pick(random, s_statuses) },
        1 => snapshot with { Available = !snapshot.Available, Offline = random.Next(2) == 0 },
        2 => snapshot with { Readings = Readings([.. snapshot.Readings.Select(r => (r.Key, random.Next(2) == 0 ? r.Value.Value : Pick(random, s_values)))]) },
        3 => snapshot with { Readings = Readings([.. s_readings.Where(_ => random.Next(2) == 0).Select(r => (r, Pick(random, s_values)))]) },
        4 => snapshot with { Alarms = [.. snapshot.Alarms.Where(_ => random.Next(3) > 0).Select(a => random.Next(2) == 0 ? a : RandomAlarm(random, a.Type))] },
        _ => RandomSnapshot(random),
    };

    static IReadOnlyDictionary<string, ReadingValue> Readings(params (string Name, double Value)[] readings)
        => readings.ToDictionary(r => r.Name, r => new ReadingValue(r.Value, s_at), StringComparer.Ordinal);

    static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
