using System.Text.Json;
using CityActors.Grains.Demo;
using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;

namespace CityActors.Grains.Tests.Demo;

public sealed class DemoCityGeneratorTests
{
    readonly DemoCity _city = DemoCityGenerator.Generate(2023);

    [Fact]
    public void Generate_SameSeed_SameCity()
        => Assert.Equal(JsonSerializer.Serialize(_city), JsonSerializer.Serialize(DemoCityGenerator.Generate(2023)));

    [Fact]
    public void Generate_OtherSeed_OtherPlacesSameCounts()
    {
        var other = DemoCityGenerator.Generate(7);

        Assert.NotEqual(_city.Facilities.Select(f => f.Registration.Location), other.Facilities.Select(f => f.Registration.Location));
        Assert.Equal(CountByKind(_city), CountByKind(other));
    }

    [Fact]
    public void Generate_CountsAreTheOnesOfTheCitys2023Report()
    {
        var counts = CountByKind(_city);

        Assert.Equal(45, counts["kindergarten"]);
        Assert.Equal(33, counts["school"]);
        Assert.Equal(119, counts["traffic-signal"]);
        Assert.Equal(653, counts["cctv-camera"]);
        Assert.Equal(55, counts["boiler-house"]);
        Assert.Equal(26, counts["sewage-pumping-station"]);
        Assert.Equal(39, counts["siren"]);
        Assert.Equal(18, counts["invincibility-point"]);
        Assert.Equal(5, counts["out-of-school"]);
        Assert.Equal(3, counts["hospital"]);
        Assert.Equal(23, counts["clinic"]);
        Assert.Equal(238, counts["shelter"] + counts["modular-shelter"]);
        Assert.Equal(6, _city.Facilities.Count(f => f.BackupPower && f.Registration.Kind == "traffic-signal"));
    }

    [Fact]
    public void Generate_EveryFacilityIsValidWithAKnownKindAUniqueKeyAndAnOwnerFromTheConcept()
    {
        var kinds = BuiltInKinds.All.Select(k => k.Id).ToHashSet();
        var departments = _city.Departments.Select(d => d.Key).ToHashSet();

        Assert.Equal(_city.Facilities.Count, _city.Facilities.Select(f => f.Key).Distinct().Count());
        Assert.All(_city.Facilities, f =>
        {
            FacilityValidation.ValidateRegistration(f.Registration);
            Assert.Contains(f.Registration.Kind, kinds);
            Assert.Contains(f.Registration.Department, departments);
        });
        Assert.Contains(_city.Departments, d => d.Registration.Name == "Управління транспорту та зв'язку міської ради");
    }

    [Fact]
    public void Generate_InZhytomyrsTwoDistrictsAndItsBoundingBox()
    {
        Assert.Equal(["Богунський", "Корольовський"], _city.Facilities.Select(f => f.Registration.District).Distinct().Order());
        Assert.All(_city.Facilities, f =>
        {
            Assert.InRange(f.Registration.Location!.Value.Latitude, 50.21, 50.30);
            Assert.InRange(f.Registration.Location!.Value.Longitude, 28.60, 28.74);
        });
    }

    [Fact]
    public void Generate_SheltersAndCamerasAreNotPublishable_SchoolsAre()
    {
        Assert.All(_city.Facilities.Where(f => f.Registration.Kind is "shelter" or "modular-shelter" or "cctv-camera"), f => Assert.False(f.Registration.LocationPublic));
        Assert.All(_city.Facilities.Where(f => f.Registration.Kind == "school"), f => Assert.True(f.Registration.LocationPublic));
    }

    [Fact]
    public void Generate_UsesTheNamesTheDocumentsGive()
    {
        Assert.Contains(_city.Facilities, f => f.Registration.Name == "Модульне укриття: бульвар Новий, 4");
        Assert.Contains(_city.Facilities, f => f.Registration.Name == "КП «Лікарня № 2 ім. В. П. Павлусенка» Житомирської міської ради");
        Assert.Contains(_city.Facilities, f => f.Registration.Name == "Житомирська міська школа хореографічного мистецтва «Сонечко»");
        Assert.Contains(_city.Facilities, f => f.Registration.Name == "Ліцей № 25");
    }

    static Dictionary<string, int> CountByKind(DemoCity city) => city.Facilities.GroupBy(f => f.Registration.Kind).ToDictionary(g => g.Key, g => g.Count());
}
