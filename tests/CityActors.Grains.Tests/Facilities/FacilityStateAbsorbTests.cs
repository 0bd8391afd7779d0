using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Tests.Facilities;

public sealed class FacilityStateAbsorbTests
{
    static readonly DateTimeOffset s_start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    static readonly string[] s_readings = ["temperature", "pressure", "power"];

    [Fact]
    public void Absorb_EverySuccessor_ReadsAsThePlainFoldAndLeavesSnapshotsAlone()
    {
        // One long-lived state absorbs each successor, as the grain keeps its confirmed state; a plain fold of the same
        // events is the reference. Reports come out of order, with changing sets of readings and repeated keys, so both
        // the in-place paths and their fallbacks run. Snapshots taken on the way keep what they saw.
        var random = new Random(6122026);
        var registration = new FacilityRegistration("boiler-house", "Котельня № 3", "вул. Котляревського, 5", "Богунський", "utilities", null, false);
        var live = new FacilityState();
        var folded = new FacilityState();
        var kept = new List<(FacilitySnapshot Snapshot, string Readings)>();
        for (var i = 0; i < 3_000; i++)
        {
            var observed = s_start.AddSeconds(i * 10 - random.Next(0, 60));
            var change = new ChangeInfo("urn:test", $"e-{(random.Next(10) == 0 ? i - 1 : i)}", "test", null, observed, s_start.AddSeconds(i * 10));
            FacilityEvent @event = (i == 0 ? 0 : random.Next(1, 9)) switch
            {
                0 => new FacilityRegistered(registration, "operating", true) { Subject = "boiler-3", Change = change },
                1 or 2 or 3 or 4 or 5 => new StatusReported(random.Next(3) == 0 ? "fault" : "operating", random.Next(2) == 0,
                    s_readings.Take(random.Next(4) == 0 ? random.Next(1, 4) : 3).ToDictionary(n => n, _ => Math.Round(random.NextDouble() * 90, 1)), false)
                {
                    Subject = "boiler-3", Change = change,
                },
                6 => new AlarmRaised("overheat", AlarmSeverity.Critical, "Перегрів") { Subject = "boiler-3", Change = change },
                7 => new AlarmAcknowledged("overheat", AlarmSeverity.Critical) { Subject = "boiler-3", Change = change },
                _ => new AlarmCleared("overheat", AlarmSeverity.Critical) { Subject = "boiler-3", Change = change },
            };

            var next = live.Apply(@event);
            var nextValues = Values(next);
            var before = live;
            live.Absorb(next);
            folded = folded.Apply(@event);

            Assert.Same(before, live);
            Assert.Equal(Values(folded), Values(live));
            Assert.Equal(nextValues, Values(next));
            if (i % 100 == 0)
            {
                var snapshot = FacilityHistory.ToSnapshot("boiler-3", live, i + 1, null, null);
                kept.Add((snapshot, Text(snapshot.Readings)));
            }
        }
        Assert.All(kept, k => Assert.Equal(k.Readings, Text(k.Snapshot.Readings)));
    }

    [Fact]
    public void Absorb_ReadingsWithOtherNames_TakesACopyOfTheSuccessorsReadings()
    {
        var readings = ReadingMap.With(new Dictionary<string, ReadingValue>(), new Dictionary<string, double> { ["temperature"] = 61.5 }, s_start)!;
        var live = new FacilityState { Status = "operating", Readings = readings };
        var next = new FacilityState
        {
            Status = "operating",
            Readings = ReadingMap.With(readings, new Dictionary<string, double> { ["pressure"] = 2.4 }, s_start.AddMinutes(1))!,
        };

        live.Absorb(next);

        // The successor's readings, in a map of the state's own, which later reports may change in place.
        Assert.NotSame(next.Readings, live.Readings);
        Assert.Equal(next.Readings.ToList(), live.Readings.ToList());
        Assert.Equal([new("temperature", new ReadingValue(61.5, s_start))], readings.ToList());
        Assert.Equal(["temperature", "pressure"], live.Readings.Keys);
    }

    static string Text(IReadOnlyDictionary<string, ReadingValue> readings) => string.Join(",", readings.Select(r => $"{r.Key}={r.Value.Value}@{r.Value.ObservedAt:O}"));

    static string Values(FacilityState s) => string.Join("|",
        s.Registration?.Name, s.MemberSince, s.Status, s.StatusAvailable, s.StatusObservedAt, s.StatusSince, Text(s.Readings),
        s.Offline, s.Available, s.AvailableSince, string.Join(",", s.Alarms.Select(a => $"{a.Type}:{a.State}")),
        s.LastReceivedAt, s.LatestObservedAt, string.Join(",", s.RecentKeys));
}
