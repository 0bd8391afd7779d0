namespace CityActors.Grains.Aggregation;

/// <summary>Receives the city's deltas; the dashboard implements it.</summary>
public interface ICityObserver : IGrainObserver
{
    Task OnCityDeltaAsync(CityDelta delta);
}

/// <summary>The city's live rollups and yearly figures (key: the city name), fed by the <c>city-events</c> stream.</summary>
public interface ICityAggregateGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<CityRollup> GetRollupAsync();

    /// <summary>Sends every delta from now on to <paramref name="observer"/>.</summary>
    /// <remarks>
    /// Subscriptions live in memory and lapse after five minutes unless renewed: call this again every minute or
    /// so, which also brings them back after the aggregate was deactivated or the silo restarted.
    /// </remarks>
    Task SubscribeAsync(ICityObserver observer);

    Task UnsubscribeAsync(ICityObserver observer);

    /// <summary>The year's figures as counted live, with open outages and facilities counted up to <paramref name="asOf"/> (now when null).</summary>
    [ReadOnly]
    Task<YearlyFigures> GetYearAsync(int year, DateTimeOffset? asOf = null);

    /// <summary>
    /// The years' figures counted up to stream position <paramref name="position"/>, or up to the last event counted live
    /// when that is later; open parts counted up to <paramref name="asOf"/> within each year.
    /// </summary>
    /// <remarks>
    /// When the live count is behind <paramref name="position"/>, the events in between are read from the journal and
    /// counted for this answer only (the live count catches up as the stream delivers them). Each figure's
    /// <see cref="YearlyFigures.Sequence"/> is the position counted to: a caller that wants several aggregates at one
    /// position asks again with the largest.
    /// </remarks>
    [ReadOnly]
    Task<IReadOnlyList<YearlyFigures>> GetYearsAsOfAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long position);

    /// <summary>The same figures recomputed from the raw journal, up to the last event counted live.</summary>
    /// <remarks>Reads every event of the city's stream: meant for audits and tests, not for every page.</remarks>
    Task<YearlyFigures> RebuildYearAsync(int year, DateTimeOffset? asOf = null);
}
