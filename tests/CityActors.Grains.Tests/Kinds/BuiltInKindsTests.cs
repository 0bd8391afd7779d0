using CityActors.Grains.Kinds;

namespace CityActors.Grains.Tests.Kinds;

public sealed class BuiltInKindsTests
{
    [Fact]
    public void All_CoverTheKindsTheCityDocumentsName()
    {
        var ids = BuiltInKinds.All.Select(k => k.Id).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "school", "kindergarten", "out-of-school", "clinic", "hospital", "shelter", "modular-shelter", "traffic-signal",
            "cctv-camera", "boiler-house", "sewage-pumping-station", "siren", "invincibility-point",
        }, ids);
    }

    [Fact]
    public void All_EveryDefinitionIsValid()
    {
        foreach (var kind in BuiltInKinds.All)
            KindValidation.Validate(kind);
    }

    [Fact]
    public void TrafficSignal_StatusesAndBackupPower_AsTheIssueNamesThem()
    {
        var kind = BuiltInKinds.All.Single(k => k.Id == "traffic-signal");

        Assert.Equal(["normal", "flashing", "dark"], kind.Statuses.Select(s => s.Code));
        Assert.NotNull(kind.FindReading("backup-power"));
        Assert.Equal(TimeSpan.FromMinutes(5), kind.OfflineAfter);
    }

    [Fact]
    public void InvincibilityPoint_ReadsPowerHeatingWaterConnectivity()
    {
        var kind = BuiltInKinds.All.Single(k => k.Id == "invincibility-point");

        Assert.Equal("Пункт незламності", kind.Name);
        Assert.All(new[] { "power", "heating", "water", "connectivity" }, r => Assert.Equal(ReadingType.Flag, kind.FindReading(r)!.Type));
    }
}
