using CityActors.Grains.Facilities;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Tests.Facilities;

public sealed class ReadingMapTests
{
    static readonly DateTimeOffset s_start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    static readonly string[] s_names = ["temperature", "pressure", "power", "occupancy"];

    [Fact]
    public void With_RandomReports_ActsAsTheDictionaryItReplaces()
    {
        // The rule the map keeps: a reported value replaces one observed at or before it, and a new reading goes last.
        var random = new Random(6122026);
        IReadOnlyDictionary<string, ReadingValue> map = new Dictionary<string, ReadingValue>();
        var reference = new Dictionary<string, ReadingValue>();
        for (var i = 0; i < 2_000; i++)
        {
            var observed = s_start.AddSeconds(random.Next(0, 600));
            var reported = s_names.Where(_ => random.Next(3) == 0).ToDictionary(name => name, _ => Math.Round(random.NextDouble() * 100, 1));
            var applies = false;
            foreach (var (name, value) in reported)
            {
                if (reference.TryGetValue(name, out var current) && observed < current.ObservedAt)
                    continue;
                reference[name] = new ReadingValue(value, observed);
                applies = true;
            }

            var next = ReadingMap.With(map, reported, observed);

            Assert.Equal(applies, next is not null);
            map = next ?? map;
            Assert.Equal(reference.ToList(), map.ToList());
            Assert.All(s_names, name => Assert.Equal(reference.TryGetValue(name, out var a) ? a : (ReadingValue?)null, map.TryGetValue(name, out var b) ? b : null));
        }
    }

    [Fact]
    public void Serialize_StateWithAMap_ReadsBackTheSameReadings()
    {
        var readings = ReadingMap.With(new Dictionary<string, ReadingValue>(), new Dictionary<string, double> { ["temperature"] = 61.5, ["pressure"] = 2.4 }, s_start)!;
        var state = new FacilityState { Status = "operating", Readings = readings };
        var serializer = new StorageSerializer();

        var read = serializer.Deserialize<FacilityState>(serializer.Serialize(state));

        Assert.Equal(readings.ToList(), read.Readings.ToList());
        Assert.Equal(2, readings.Count);
        Assert.Equal(["temperature", "pressure"], readings.Keys);
        Assert.Throws<KeyNotFoundException>(() => readings["power"]);
    }
}
