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
        // The object form of such an event takes over 1,000 bytes.
        Assert.True(payload.Length < 560, $"The stored event takes {payload.Length} bytes.");
    }

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
