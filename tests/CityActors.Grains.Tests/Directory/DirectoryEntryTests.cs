using CityActors.Grains.Alarms;
using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Tests.Directory;

public sealed class DirectoryEntryTests
{
    static readonly DateTimeOffset s_start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_AnyEvents_GivesTheListingTheFoldGives()
    {
        // A facility's events as the grain stamps them, in a random order of kinds: the entry, which holds what status
        // reports change apart, must read as the plain fold of the same events after every one of them.
        var random = new Random(20261206);
        var registration = new FacilityRegistration("boiler-house", "Котельня № 3", "вул. Котляревського, 5", "Богунський", "utilities", null, false);
        var state = new FacilityState();
        FacilityListing? folded = null;
        DirectoryEntry? entry = null;
        for (var i = 0; i < 400; i++)
        {
            var at = s_start.AddMinutes(i);
            var change = new ChangeInfo("urn:test", $"e-{i}", "test", null, at, at.AddSeconds(1));
            FacilityEvent raised = (i == 0 ? 0 : random.Next(1, 7)) switch
            {
                0 => new FacilityRegistered(registration, "operating", true) { Subject = "boiler-3", Change = change },
                1 or 2 or 3 => new StatusReported(random.Next(2) == 0 ? "operating" : "fault", random.Next(2) == 0, new Dictionary<string, double>(), false)
                {
                    Subject = "boiler-3", Change = change,
                },
                4 => new AlarmRaised("overheat", random.Next(2) == 0 ? AlarmSeverity.Critical : AlarmSeverity.Warning, "Перегрів") { Subject = "boiler-3", Change = change },
                5 => new AlarmAcknowledged("overheat", AlarmSeverity.Critical) { Subject = "boiler-3", Change = change },
                _ => new AlarmCleared("overheat", AlarmSeverity.Critical) { Subject = "boiler-3", Change = change },
            };
            var (stamped, next) = Footprint.Stamp(state, raised, "boiler-3");
            state = next;
            folded = DirectoryListings.Apply(folded, stamped);
            if (entry is null)
                entry = new DirectoryEntry(folded!);
            else
                entry.Apply(stamped);

            Assert.Equal((folded!.Status, folded.Available, folded.LastSeenAt), (entry.Status, entry.Available, entry.LastSeenAt));
            if (i % 3 == 0)
                AssertSame(folded, entry.Listing);
        }
        AssertSame(folded!, entry!.Listing);
    }

    /// <summary>Equal fields; the alarm lists are equal item by item (two folds build two lists).</summary>
    static void AssertSame(FacilityListing expected, FacilityListing actual)
    {
        Assert.Equal(expected.ActiveAlarms, actual.ActiveAlarms);
        Assert.Equal(expected, actual with { ActiveAlarms = expected.ActiveAlarms });
    }
}
