using System.Text.Json;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Tests.Aggregation;

public sealed class YearlyAccumulatorTests
{
    static readonly TimeSpan s_kyiv = TimeSpan.FromHours(2);

    static DateTimeOffset Kyiv(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, s_kyiv);

    readonly YearlyAccumulator _accumulator = new(new YearlyState());

    FacilityScript Boiler(string key = "boiler-1", string department = "utilities") => new(key, "boiler-house", department, _accumulator);

    [Fact]
    public void Outage_WithinAYear_DowntimeAvailabilityAndTimeToRestoreAreExact()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2026, 1, 1));
        boiler.Status("fault", available: false, Kyiv(2026, 1, 11));
        boiler.Status("operating", available: true, Kyiv(2026, 1, 13));

        var figures = _accumulator.Figures(2026, Kyiv(2026, 1, 31), sequence: 0).Facilities.Single();

        Assert.Equal((0, 1, 1, 1), (figures.FacilitiesAtStart, figures.FacilitiesAtEnd, figures.Outages, figures.Restored));
        Assert.Equal(TimeSpan.FromDays(2), figures.Downtime);
        Assert.Equal(TimeSpan.FromDays(2), figures.MeanTimeToRestore);
        Assert.Equal(100.0 * 28 / 30, figures.AvailabilityPercent);
    }

    [Fact]
    public void Outage_AcrossNewYearInKyiv_SplitsDowntimeAndCountsTheOutageWhereItBeganAndTheRestoreWhereItEnded()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2025, 6, 1));
        boiler.Status("fault", available: false, Kyiv(2025, 12, 31, 20));
        boiler.Status("operating", available: true, Kyiv(2026, 1, 1, 4));

        var old = _accumulator.Figures(2025, Kyiv(2026, 1, 2), 0).Facilities.Single();
        var current = _accumulator.Figures(2026, Kyiv(2026, 1, 2), 0).Facilities.Single();

        Assert.Equal((0, 1, 1, 0, TimeSpan.FromHours(4)), (old.FacilitiesAtStart, old.FacilitiesAtEnd, old.Outages, old.Restored, old.Downtime));
        Assert.Equal((1, 1, 0, 1, TimeSpan.FromHours(4)), (current.FacilitiesAtStart, current.FacilitiesAtEnd, current.Outages, current.Restored, current.Downtime));
        Assert.Equal(TimeSpan.FromHours(8), current.MeanTimeToRestore);
        Assert.Equal(100.0 * 20 / 24, current.AvailabilityPercent);
        Assert.Equal(100.0 * (1 - 4.0 / (214 * 24)), old.AvailabilityPercent!.Value, 12);
    }

    [Fact]
    public void YearBoundary_IsMidnightInKyivNotUtc()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2025, 12, 1));
        boiler.Raise("overheat", AlarmSeverity.Critical, new DateTimeOffset(2025, 12, 31, 21, 30, 0, TimeSpan.Zero));
        boiler.Raise("low-pressure", AlarmSeverity.Warning, new DateTimeOffset(2025, 12, 31, 22, 30, 0, TimeSpan.Zero));

        var old = _accumulator.Figures(2025, Kyiv(2026, 1, 1, 1), 0).Facilities.Single();
        var current = _accumulator.Figures(2026, Kyiv(2026, 1, 1, 1), 0).Facilities.Single();

        Assert.Equal((1, 1), (old.AlarmsRaised, old.CriticalAlarmsRaised));
        Assert.Equal((1, 0), (current.AlarmsRaised, current.CriticalAlarmsRaised));
    }

    [Fact]
    public void OpenOutage_IsCountedUpToTheMomentAsked()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2026, 3, 1));
        boiler.Status("fault", available: false, Kyiv(2026, 3, 2));

        var day = _accumulator.Figures(2026, Kyiv(2026, 3, 3), 0).Facilities.Single();
        var week = _accumulator.Figures(2026, Kyiv(2026, 3, 9), 0).Facilities.Single();

        Assert.Equal((TimeSpan.FromDays(1), 50.0), (day.Downtime, day.AvailabilityPercent!.Value));
        Assert.Equal((TimeSpan.FromDays(7), 12.5), (week.Downtime, week.AvailabilityPercent!.Value));
        Assert.Null(week.MeanTimeToRestore);
    }

    [Fact]
    public void YearNotYetReached_CarriesTheOpenFacilitiesAndOutages()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2026, 12, 1));
        boiler.Status("fault", available: false, Kyiv(2026, 12, 31));

        var next = _accumulator.Figures(2027, Kyiv(2027, 1, 3), 0).Facilities.Single();

        Assert.Equal((1, 1, TimeSpan.FromDays(2), 0.0), (next.FacilitiesAtStart, next.FacilitiesAtEnd, next.Downtime, next.AvailabilityPercent!.Value));
    }

    [Fact]
    public void DepartmentChange_MovesTheFacilityBetweenGroupsAtThatMoment()
    {
        var boiler = Boiler();
        boiler.Register(Kyiv(2026, 1, 1));
        boiler.Move("housing", Kyiv(2026, 1, 11));

        var figures = _accumulator.Figures(2026, Kyiv(2026, 1, 21), 0).Facilities;

        Assert.Equal(["housing", "utilities"], figures.Select(f => f.Department));
        Assert.Equal((0, 1), (figures[0].FacilitiesAtStart, figures[0].FacilitiesAtEnd));
        Assert.Equal((0, 0), (figures[1].FacilitiesAtStart, figures[1].FacilitiesAtEnd));
        Assert.All(figures, f => Assert.Equal(100.0, f.AvailabilityPercent));
    }

    [Fact]
    public void ByDistrict_GroupsByKindAndDistrict_ADepartmentChangeWithinTheDistrictMovesNothing()
    {
        var byDistrict = new YearlyAccumulator(new YearlyState(), byDistrict: true);
        var boiler = new FacilityScript("boiler-1", "boiler-house", "utilities", e => { _accumulator.Apply(e); byDistrict.Apply(e); });
        boiler.Register(Kyiv(2026, 1, 1));
        boiler.Status("fault", available: false, Kyiv(2026, 1, 5));
        boiler.Move("housing", Kyiv(2026, 1, 11));
        boiler.Status("operating", available: true, Kyiv(2026, 1, 15));

        var district = byDistrict.Figures(2026, Kyiv(2026, 1, 21), 0).Facilities.Single();
        var departments = _accumulator.Figures(2026, Kyiv(2026, 1, 21), 0).Facilities;

        Assert.Equal(("boiler-house", "Корольовський"), (district.Kind, district.Department));
        Assert.Equal((0, 1, 1, 1), (district.FacilitiesAtStart, district.FacilitiesAtEnd, district.Outages, district.Restored));
        Assert.Equal(TimeSpan.FromDays(10), district.Downtime);
        Assert.Equal(["housing", "utilities"], departments.Select(f => f.Department));
        Assert.Equal(TimeSpan.FromDays(10), departments[0].Downtime + departments[1].Downtime);
    }

    [Fact]
    public void ProjectReports_CountStatusClassesPerPriorityAndYear_AReplacedReportMovesItsClass()
    {
        Submit("Ефективне місто", new ProjectReport(2025, "Триває", ProjectStatusClass.InProgress), previous: null);
        Submit("Ефективне місто", new ProjectReport(2025, "Завершено", ProjectStatusClass.Completed), previous: ProjectStatusClass.InProgress);
        Submit("Зелене місто", new ProjectReport(2025, "Проект не реалізовано", ProjectStatusClass.NotImplemented), previous: null);

        var projects = _accumulator.Figures(2025, Kyiv(2026, 1, 1), 0).Projects;

        Assert.Equal([new ProjectClassCount("Ефективне місто", ProjectStatusClass.Completed, 1), new ProjectClassCount("Зелене місто", ProjectStatusClass.NotImplemented, 1)], projects);
    }

    [Fact]
    public void State_RoundTripsThroughJsonAndBatchBoundariesDoNotMatter()
    {
        var oneByOne = new YearlyState();
        var boiler = new FacilityScript("boiler-9", "boiler-house", "utilities", e =>
        {
            _accumulator.Apply(e);
            var step = new YearlyAccumulator(JsonSerializer.Deserialize<YearlyState>(JsonSerializer.SerializeToUtf8Bytes(oneByOne))!);
            step.Apply(e);
            oneByOne = step.ToState();
        });
        boiler.Register(Kyiv(2025, 11, 1));
        boiler.Status("fault", available: false, Kyiv(2025, 12, 30));
        boiler.Raise("fault", AlarmSeverity.Critical, Kyiv(2025, 12, 30));
        boiler.Status("operating", available: true, Kyiv(2026, 2, 1));

        Assert.Equal(JsonSerializer.Serialize(_accumulator.ToState()), JsonSerializer.Serialize(oneByOne));
        Assert.Equal(_accumulator.Figures(2026, Kyiv(2026, 3, 1), 0).Facilities, new YearlyAccumulator(oneByOne).Figures(2026, Kyiv(2026, 3, 1), 0).Facilities);
    }

    void Submit(string priority, ProjectReport report, ProjectStatusClass? previous)
        => _accumulator.Apply(new ProjectReportSubmitted(priority, report, previous) { Subject = "p", Change = Change(Kyiv(2026, 1, 20)) });

    static ChangeInfo Change(DateTimeOffset at) => new("urn:test", Guid.NewGuid().ToString("N"), "test", null, at, at);

    /// <summary>A facility's state and events as the grain would raise them, fed to an accumulator.</summary>
    sealed class FacilityScript(string key, string kind, string department, Action<CityEvent> apply)
    {
        FacilityState _state = new();

        public FacilityScript(string key, string kind, string department, YearlyAccumulator accumulator) : this(key, kind, department, accumulator.Apply)
        {
        }

        public void Register(DateTimeOffset at) => Raise(new FacilityRegistered(Registration(department), "operating", true) { Subject = key, Change = Change(at) });

        public void Move(string newDepartment, DateTimeOffset at)
        {
            department = newDepartment;
            Raise(new FacilityRegistered(Registration(newDepartment), "operating", true) { Subject = key, Change = Change(at) });
        }

        public void Status(string status, bool available, DateTimeOffset at)
            => Raise(new StatusReported(status, available, new Dictionary<string, double>(), false) { Subject = key, Change = Change(at) });

        public void Raise(string type, AlarmSeverity severity, DateTimeOffset at)
            => Raise(new AlarmRaised(type, severity, type) { Subject = key, Change = Change(at) });

        FacilityRegistration Registration(string owner) => new(kind, key, "вул. Вокзальна, 1", "Корольовський", owner, null, false);

        void Raise(FacilityEvent @event)
        {
            var (stamped, next) = Footprint.Stamp(_state, @event, key);
            _state = next;
            apply(stamped);
        }
    }
}
