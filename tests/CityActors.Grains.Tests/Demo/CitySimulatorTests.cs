using CityActors.Grains.Aggregation;
using CityActors.Grains.Demo;
using CityActors.Grains.Facilities;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityActors.Grains.Tests.Demo;

public sealed class CitySimulatorTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CityHost.StartInMemoryAsync();

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    [Fact]
    public async Task SeederThenSimulator_TheCityComesAliveThroughTheFacilityGrains()
    {
        var options = Options.Create(new CityOptions());
        await new DemoCitySeeder(_silo.GrainFactory, options, TimeProvider.System, NullLogger<DemoCitySeeder>.Instance).StartAsync(default);
        using var simulator = new CitySimulator(_silo.GrainFactory, options, TimeProvider.System, NullLogger<CitySimulator>.Instance);
        var city = _silo.GrainFactory.GetGrain<ICityAggregateGrain>("zhytomyr");

        await simulator.StartAsync(default);
        var watched = new[] { "school-001", "cctv-camera-001", "boiler-house-001", "shelter-001" }.Select(k => _silo.GrainFactory.GetGrain<IFacilityGrain>(k)).ToList();
        await Eventually.TrueAsync(async () => (await Task.WhenAll(watched.Select(f => f.GetSnapshotAsync()))).All(s => s.Readings.Count > 0),
            "the simulator reached the facilities");
        CityRollup rollup = null!;
        await Eventually.TrueAsync(async () => (rollup = await city.GetRollupAsync()).Sequence > 1257, "the aggregate counts the reports");
        await simulator.StopAsync(default);
        var school = await watched[0].GetHistoryAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal(1257, rollup.Total.Facilities);
        Assert.Equal(["Богунський", "Корольовський"], rollup.Districts.Select(d => d.Name));
        Assert.StartsWith("urn:cityactors:simulator:education", school.First(h => h.What == "status").Source, StringComparison.Ordinal);
        Assert.True((await watched[1].GetSnapshotAsync()).Readings.ContainsKey("bitrate"));
    }

    [Fact]
    public async Task Seeder_SecondStart_ChangesNothing()
    {
        var options = Options.Create(new CityOptions());
        var seeder = new DemoCitySeeder(_silo.GrainFactory, options, TimeProvider.System, NullLogger<DemoCitySeeder>.Instance);
        await seeder.StartAsync(default);
        var versions = await Task.WhenAll(new[] { "school-001", "cctv-camera-653", "modular-shelter-006" }.Select(k => _silo.GrainFactory.GetGrain<IFacilityGrain>(k).GetSnapshotAsync()));

        await seeder.StartAsync(default);
        var again = await Task.WhenAll(new[] { "school-001", "cctv-camera-653", "modular-shelter-006" }.Select(k => _silo.GrainFactory.GetGrain<IFacilityGrain>(k).GetSnapshotAsync()));

        Assert.Equal(versions.Select(v => v.Version), again.Select(v => v.Version));
        Assert.Equal("Модульне укриття: вул. Чуднівська, 167 (гідропарк)", again[2].Registration!.Name);
    }
}
