using System.Text;
using CityActors.Grains.Alarms;
using CityActors.Grains.Facilities;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Tests.Stored;

public sealed class CompactFormsTests
{
    static readonly StorageSerializer s_serializer = new();
    static readonly DateTimeOffset s_utc = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);
    static readonly DateTimeOffset s_kyiv = new(2026, 3, 14, 11, 26, 53, 589, TimeSpan.FromHours(2));

    static StatusReported Event(ChangeInfo change, Footprint before, Footprint after) => new("standby", true, new Dictionary<string, double> { ["temperature"] = 61.5 }, false)
    {
        Subject = "boiler-7",
        Change = change,
        Dims = after.Dims,
        Before = before,
        After = after,
    };

    static Footprint Footprint(string status, DateTimeOffset since)
        => new(new FacilityDims("boiler-house", "Богунський", "utilities"), status, true, false, new AlarmCounts(1, 0, 2), since, since.AddDays(-30));

    [Fact]
    public void Serialize_StatusReported_RoundTripsExactlyInCompactForm()
    {
        var stored = Event(new ChangeInfo("urn:dept:utilities", "r-1", "urn:dept:utilities", null, s_utc, s_utc.AddSeconds(1)),
            Footprint("operating", s_utc.AddHours(-5)), Footprint("standby", s_utc.AddHours(-5)));

        var payload = s_serializer.Serialize(stored, stored.GetType());
        var read = (StatusReported)s_serializer.Deserialize(payload, s_serializer.TypeName(typeof(StatusReported)));

        Assert.Equal(stored.Change, read.Change);
        Assert.Equal(stored.Before, read.Before);
        Assert.Equal(stored.After, read.After);
        Assert.Equal(stored.Dims, read.Dims);
        Assert.Equal(61.5, read.Readings["temperature"]);
        Assert.Contains("\"Change\":[\"urn:dept:utilities\",\"r-1\",null,null,", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.Contains("\"Readings\":{\"temperature\":61.5}", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.Contains("\"Dims\":[\"boiler-house\",\"Богунський\",\"utilities\"]", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        // The footprints leave out the dimensions the event holds once.
        Assert.Contains("\"Before\":[\"operating\",true,false,1,0,2,", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        // The object form of such an event takes over 1,000 bytes; with full footprint arrays, about 530.
        Assert.True(payload.Length < 420, $"The stored event takes {payload.Length} bytes.");
    }

    [Fact]
    public void Deserialize_FullFootprintArraysWrittenBefore_ReadsTheSameValues()
    {
        const string Stored = """
            {"Status":"operating","StatusAvailable":true,"Readings":{},"Late":false,"Dims":["boiler-house","Корольовський","utilities"],
             "Before":["boiler-house","Корольовський","utilities","standby",true,false,0,0,0,639321215179819673,639321215179819673],
             "After":["boiler-house","Корольовський","utilities","operating",true,false,0,0,0,639321215179819673,639321215179819673],
             "Subject":"boiler-000333","Change":["urn:cityactors:benchmark","333-202",null,null,639321215228975711,639321215229017691]}
            """;

        var read = (StatusReported)s_serializer.Deserialize(Encoding.UTF8.GetBytes(Stored), s_serializer.TypeName(typeof(StatusReported)));

        var dims = new FacilityDims("boiler-house", "Корольовський", "utilities");
        var since = new DateTimeOffset(639321215179819673, TimeSpan.Zero);
        Assert.Equal(("operating", true, false, "boiler-000333"), (read.Status, read.StatusAvailable, read.Late, read.Subject));
        Assert.Equal(dims, read.Dims);
        Assert.Equal(new Footprint(dims, "standby", true, false, default, since, since), read.Before);
        Assert.Equal(new Footprint(dims, "operating", true, false, default, since, since), read.After);
        Assert.Equal(new ChangeInfo("urn:cityactors:benchmark", "333-202", "urn:cityactors:benchmark", null,
            new DateTimeOffset(639321215228975711, TimeSpan.Zero), new DateTimeOffset(639321215229017691, TimeSpan.Zero)), read.Change);
    }

    [Fact]
    public void Serialize_RandomStatusReports_RoundTripInEveryField()
    {
        var random = new Random(20261206);
        string[] districts = ["Богунський", "Корольовський"];
        FacilityDims? Dims() => random.Next(8) == 0 ? null : new FacilityDims(random.Next(2) == 0 ? "school" : "boiler-house", districts[random.Next(2)], "utilities");
        DateTimeOffset Time() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, random.Next(3) == 0 ? TimeSpan.FromHours(2) : TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 365));
        Footprint? Print(FacilityDims? dims) => random.Next(6) == 0 ? null : new Footprint(
            random.Next(4) == 0 || dims is null ? new FacilityDims("school", districts[random.Next(2)], "education") : dims,
            random.Next(2) == 0 ? "operating" : "offline", random.Next(2) == 0, random.Next(2) == 0,
            new AlarmCounts(random.Next(3), random.Next(3), random.Next(3)), Time(), Time());

        for (var i = 0; i < 500; i++)
        {
            var dims = Dims();
            var readings = new Dictionary<string, double>();
            for (var r = random.Next(3); r > 0; r--)
                readings[$"reading-{r}"] = Math.Round(random.NextDouble() * 100, random.Next(4));
            var stored = new StatusReported(random.Next(2) == 0 ? "operating" : "standby", random.Next(2) == 0, readings, random.Next(5) == 0)
            {
                Subject = $"facility-{i}",
                Change = new ChangeInfo("urn:dept:utilities", $"r-{i}", random.Next(2) == 0 ? "urn:dept:utilities" : "оператор", random.Next(2) == 0 ? null : "ремонт", Time(), Time()),
                Dims = dims,
                Before = Print(dims),
                After = Print(dims),
            };

            var read = (StatusReported)s_serializer.Deserialize(s_serializer.Serialize(stored, stored.GetType()), s_serializer.TypeName(typeof(StatusReported)));

            Assert.Equal(stored with { Readings = read.Readings }, read);
            Assert.Equal(stored.Readings.OrderBy(r => r.Key), read.Readings.OrderBy(r => r.Key));
        }
    }

    [Theory]
    [InlineData("""{"Status":"operating","StatusAvailable":true,"Readings":{},"Late":false,"Dims":null,"Before":["standby",true,false,0,0,0,1,1],"After":null,"Subject":"b-1","Change":["s","r-1",null,null,1,1]}""")]
    [InlineData("""{"Status":"operating","StatusAvailable":true,"Readings":{},"Late":false,"Dims":["boiler-house","Богунський","utilities"],"Before":null,"After":null,"Change":["s","r-1",null,null,1,1]}""")]
    [InlineData("""{"Status":"operating","StatusAvailable":true,"Readings":{},"Late":false,"Dims":["boiler-house","Богунський","utilities"],"Before":["standby",7,false,0,0,0,1,1],"After":null,"Subject":"b-1","Change":["s","r-1",null,null,1,1]}""")]
    [InlineData("""["operating",true]""")]
    public void Deserialize_MalformedStatusReport_FailsWithAJsonError(string stored)
        => Assert.Throws<System.Text.Json.JsonException>(() => s_serializer.Deserialize(Encoding.UTF8.GetBytes(stored), s_serializer.TypeName(typeof(StatusReported))));

    [Fact]
    public void Serialize_InstantsWithAnOffset_KeepTheOffset()
    {
        var change = new ChangeInfo("urn:dept:utilities", "r-2", "оператор Петренко", "ремонт", s_kyiv, s_utc);
        var footprint = Footprint("operating", s_kyiv);

        var readChange = s_serializer.Deserialize<ChangeInfo>(s_serializer.Serialize(change));
        var readFootprint = s_serializer.Deserialize<Footprint>(s_serializer.Serialize(footprint));

        Assert.Equal(change, readChange);
        Assert.Equal(TimeSpan.FromHours(2), readChange.ObservedAt.Offset);
        Assert.Equal("оператор Петренко", readChange.By);
        Assert.Equal(footprint, readFootprint);
        Assert.Equal(TimeSpan.FromHours(2), readFootprint.AvailableSince.Offset);
    }

    [Fact]
    public void Deserialize_ObjectFormWrittenBefore_ReadsTheSameValues()
    {
        const string Stored = """
            {"Status":"standby","StatusAvailable":true,"Readings":{},"Late":false,
             "Dims":{"Kind":"boiler-house","District":"Богунський","Department":"utilities"},
             "Before":{"Dims":{"Kind":"boiler-house","District":"Богунський","Department":"utilities"},"Status":"operating","Available":true,"Offline":false,
                       "Alarms":{"Critical":1,"Warning":0,"Info":2,"Total":3},"AvailableSince":"2026-03-14T04:26:53.589+00:00","MemberSince":"2026-02-12T04:26:53.589+00:00"},
             "After":null,
             "Subject":"boiler-7",
             "Change":{"Source":"urn:dept:utilities","Id":"r-1","By":"urn:dept:utilities","Reason":null,"ObservedAt":"2026-03-14T09:26:53.589+00:00","ReceivedAt":"2026-03-14T09:26:54.589+00:00"}}
            """;

        var read = (StatusReported)s_serializer.Deserialize(Encoding.UTF8.GetBytes(Stored), s_serializer.TypeName(typeof(StatusReported)));

        Assert.Equal(new ChangeInfo("urn:dept:utilities", "r-1", "urn:dept:utilities", null, s_utc, s_utc.AddSeconds(1)), read.Change);
        Assert.Equal(Footprint("operating", s_utc.AddHours(-5)), read.Before);
        Assert.Equal(new FacilityDims("boiler-house", "Богунський", "utilities"), read.Dims);
        Assert.Empty(read.Readings);
        Assert.Null(read.After);
    }

    [Theory]
    [InlineData("{\"temperature\":\"warm\"}")]
    [InlineData("[61.5]")]
    [InlineData("{\"temperature\":61.5")]
    public void Deserialize_MalformedReadings_FailsWithAJsonError(string readings)
    {
        static byte[] Stored(string readings)
            => Encoding.UTF8.GetBytes($$"""{"Status":"standby","StatusAvailable":true,"Readings":{{readings}},"Late":false,"Subject":"boiler-7","Change":["s","r-1",null,null,1,1]}""");
        var wellFormed = (StatusReported)s_serializer.Deserialize(Stored("{\"temperature\":61.5}"), s_serializer.TypeName(typeof(StatusReported)));
        Assert.Equal(61.5, wellFormed.Readings["temperature"]);

        Assert.Throws<System.Text.Json.JsonException>(() => s_serializer.Deserialize(Stored(readings), s_serializer.TypeName(typeof(StatusReported))));
    }

    [Theory]
    [InlineData("[\"boiler-house\",\"Богунський\"]")]
    [InlineData("\"operating\"")]
    [InlineData("[\"boiler-house\",\"Богунський\",\"utilities\",\"operating\",\"yes\",false,0,0,0,1,2]")]
    public void Deserialize_MalformedFootprint_FailsWithAJsonError(string stored)
        => Assert.Throws<System.Text.Json.JsonException>(() => s_serializer.Deserialize<Footprint>(Encoding.UTF8.GetBytes(stored)));
}
