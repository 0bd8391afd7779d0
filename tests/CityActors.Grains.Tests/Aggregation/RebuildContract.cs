using CityActors.Grains.Aggregation;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Aggregation;

/// <summary>The yearly figures counted live equal the figures rebuilt from the raw journal, across a new year and a kill.</summary>
public abstract class RebuildContract : IAsyncLifetime
{
    /// <summary>22:00 in Kyiv on 31 December 2025: two hours before the year turns.</summary>
    static readonly DateTimeOffset s_start = new(2025, 12, 31, 20, 0, 0, TimeSpan.Zero);

    static readonly (string Prefix, string Kind, string Department, string Bad, string Good)[] s_fleet =
    [
        ("camera", "cctv-camera", "it", "fault", "recording"),
        ("boiler", "boiler-house", "utilities", "fault", "operating"),
        ("signal", "traffic-signal", "transport", "dark", "normal"),
    ];

    static readonly string[] s_priorities = ["Безпечне місто", "Ефективне місто", "Зелене місто"];

    readonly ManualTimeProvider _clock = new(s_start);
    readonly Random _random = new(20251231);
    TestSilo _silo = null!;

    protected abstract Action<SiloBuilder> Storage { get; }

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _silo = await CityHost.StartAsync(Storage, _clock);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await CleanUpAsync();
    }

    DateTimeOffset Now => _clock.GetUtcNow();

    IEnumerable<(string Key, (string Prefix, string Kind, string Department, string Bad, string Good) Type)> Fleet()
        => s_fleet.SelectMany(type => Enumerable.Range(1, 8).Select(i => ($"{type.Prefix}-{i}", type)));

    [Fact]
    public async Task YearlyFigures_RebuiltFromTheJournal_EqualTheLiveOnes_AcrossNewYearAndAKill()
    {
        foreach (var (key, type) in Fleet())
        {
            await _silo.GrainFactory.GetGrain<IFacilityGrain>(key)
                .RegisterAsync(Facts.Registration(type.Kind, key, type.Department), Facts.Change(observedAt: new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.FromHours(3))));
        }

        await ReportOnProjectsAsync(round: 0);
        await RunMinutesAsync(90);
        await ReportOnProjectsAsync(round: 1);
        await KillDuringABurstAsync();
        await ReportOnProjectsAsync(round: 2);
        await RunMinutesAsync(90);
        await ReportOnProjectsAsync(round: 3);
        var city = _silo.GrainFactory.GetGrain<ICityAggregateGrain>("zhytomyr");
        var storage = (GrainStorage)_silo.Services.GetService(typeof(GrainStorage))!;
        await Eventually.TrueAsync(async () => (await city.GetRollupAsync()).Sequence == storage.HighWaterMark, "the aggregate has counted every acknowledged event");

        foreach (var year in new[] { 2025, 2026 })
        {
            var live = await city.GetYearAsync(year, Now);
            var rebuilt = await city.RebuildYearAsync(year, Now);
            Assert.Equal(live.Facilities, rebuilt.Facilities);
            Assert.Equal(live.Projects, rebuilt.Projects);
            Assert.Equal(live.Sequence, rebuilt.Sequence);
            Assert.Equal(ExpectedProjects(reportRound: year == 2025 ? 2 : 3, priorityRound: 3), live.Projects);
        }
        var current = await city.GetYearAsync(2026, Now);
        var previous = await city.GetYearAsync(2025, Now);
        Assert.Equal(24, current.Facilities.Sum(f => f.FacilitiesAtStart));
        Assert.Equal(24, previous.Facilities.Sum(f => f.FacilitiesAtEnd));
        Assert.True(previous.Facilities.Sum(f => f.Outages) > 0 && current.Facilities.Sum(f => f.Outages) > 0, "outages on both sides of midnight");
        Assert.True(current.Facilities.Sum(f => f.Restored) > 0);
        Assert.All(current.Facilities, f => Assert.InRange(f.AvailabilityPercent!.Value, 0, 100));
        await AssertRollupMatchesTheFacilitiesAsync(city);
    }

    /// <summary>
    /// Registers seven projects and reports on them: every round moves each project to another priority, and reports for
    /// 2025 (even rounds) or 2026 (odd rounds) in a class that changes, so later reports replace earlier ones.
    /// </summary>
    async Task ReportOnProjectsAsync(int round)
    {
        for (var i = 1; i <= 7; i++)
        {
            var project = _silo.GrainFactory.GetGrain<IProjectGrain>($"project-{i}");
            var priority = s_priorities[(i + round) % s_priorities.Length];
            await project.RegisterAsync(new ProjectRegistration(priority, "Ціль", $"{i}. Завдання {i}", $"Проєкт {i}", 2020, 2030, ["it"]), Facts.Change());
            var statusClass = (ProjectStatusClass)((i * 3 + round) % 8);
            await project.SubmitReportAsync(new ProjectReport(2025 + round % 2, $"Звіт {round}", statusClass, 10 * round), Facts.Change());
        }
    }

    /// <summary>Each project counted once, under the priority of its last registration, in the class of its last report for the year.</summary>
    static List<ProjectClassCount> ExpectedProjects(int reportRound, int priorityRound)
        => [.. Enumerable.Range(1, 7)
            .GroupBy(i => (Priority: s_priorities[(i + priorityRound) % s_priorities.Length], Class: (ProjectStatusClass)((i * 3 + reportRound) % 8)))
            .Select(g => new ProjectClassCount(g.Key.Priority, g.Key.Class, g.Count()))
            .OrderBy(p => p.Priority, StringComparer.Ordinal).ThenBy(p => p.StatusClass)];

    async Task RunMinutesAsync(int minutes)
    {
        for (var minute = 0; minute < minutes; minute++)
        {
            await _clock.AdvanceAsync(TimeSpan.FromMinutes(1));
            foreach (var (key, type) in Fleet())
            {
                var roll = _random.Next(100);
                if (roll < 10)
                    continue; // silent this minute; cameras that stay silent five minutes go offline
                var status = roll < 20 ? type.Bad : type.Good;
                await _silo.GrainFactory.GetGrain<IFacilityGrain>(key).ReportStatusAsync(Facts.Update(status, Now.AddSeconds(-_random.Next(30))));
            }
            if (minute % 7 == 0)
                await AcknowledgeSomethingAsync();
        }
    }

    async Task AcknowledgeSomethingAsync()
    {
        foreach (var (key, _) in Fleet())
        {
            var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>(key);
            if ((await facility.GetSnapshotAsync()).Alarms.FirstOrDefault(a => a.State == AlarmState.Raised) is { } alarm)
            {
                await facility.AcknowledgeAlarmAsync(alarm.Type, Facts.Change("диспетчер"));
                return;
            }
        }
    }

    async Task KillDuringABurstAsync()
    {
        var acknowledged = 0;
        var burst = Fleet().Select(async entry =>
        {
            var facility = _silo.GrainFactory.GetGrain<IFacilityGrain>(entry.Key);
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    await facility.ReportStatusAsync(Facts.Update(i % 2 == 0 ? entry.Type.Bad : entry.Type.Good, Now.AddMilliseconds(i)));
                    Interlocked.Increment(ref acknowledged);
                }
                catch (Exception)
                {
                    return;
                }
            }
        }).ToArray();
        await Eventually.TrueAsync(() => Volatile.Read(ref acknowledged) > 300, "part of the burst acknowledged");
        await _silo.KillAsync();
        await Task.WhenAll(burst);
        _silo = await CityHost.StartAsync(Storage, _clock);
    }

    async Task AssertRollupMatchesTheFacilitiesAsync(ICityAggregateGrain city)
    {
        var snapshots = await Task.WhenAll(Fleet().Select(f => _silo.GrainFactory.GetGrain<IFacilityGrain>(f.Key).GetSnapshotAsync()));
        var rollup = await city.GetRollupAsync();
        Assert.Equal(snapshots.Count(s => s.Offline), rollup.Total.Offline);
        Assert.Equal(snapshots.Count(s => s.Available), rollup.Total.Available);
        Assert.Equal(snapshots.Sum(s => s.Alarms.Count), rollup.Alarms.Total);
    }
}
