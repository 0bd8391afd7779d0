namespace CityActors.Dashboard.Live;

/// <summary>Whether the city is in air-raid or power-outage mode, read from what its facilities report.</summary>
/// <remarks>
/// Air raid: a siren sounds or a shelter is open. Power outage: a traffic signal has gone dark, or a hospital, boiler house
/// or pumping station runs on its generator. The statuses are the built-in kinds' codes.
/// </remarks>
public readonly record struct CityMode(bool AirRaid, bool PowerOutage)
{
    public static CityMode Of(LiveCity city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var airRaid = Count(city, "siren", "sounding") + Count(city, "shelter", "open") + Count(city, "modular-shelter", "open") > 0;
        var outage = Count(city, "traffic-signal", "dark") + Count(city, "hospital", "generator") + Count(city, "boiler-house", "generator")
            + Count(city, "sewage-pumping-station", "generator") > 0;
        return new(airRaid, outage);
    }

    static int Count(LiveCity city, string kind, string status) => city.KindStatus.GetValueOrDefault((kind, status));
}
