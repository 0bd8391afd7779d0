using CityActors.Grains.Aggregation;

namespace CityActors.Grains.Reports;

/// <summary>The exact yearly facility figures by kind and district (key: the city name), fed by the <c>city-events</c> stream.</summary>
/// <remarks>The figures are <see cref="YearlyFigures"/> whose <see cref="FacilityYearFigures.Department"/> holds the district.</remarks>
public interface IDistrictFiguresGrain : IGrainWithStringKey
{
    /// <summary>The year's figures by kind and district as counted live, open parts counted up to <paramref name="asOf"/>.</summary>
    [ReadOnly]
    Task<YearlyFigures> GetYearAsync(int year, DateTimeOffset asOf);

    /// <summary>The years' figures by kind and district counted up to stream position <paramref name="position"/>, or further when the live count is.</summary>
    /// <remarks>As <see cref="ICityAggregateGrain.GetYearsAsOfAsync"/>: each figure's <see cref="YearlyFigures.Sequence"/> is the position counted to.</remarks>
    [ReadOnly]
    Task<IReadOnlyList<YearlyFigures>> GetYearsAsOfAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long position);

    /// <summary>The position of the last event counted.</summary>
    [ReadOnly]
    Task<long> GetCheckpointAsync();

    /// <summary>
    /// Folds the raw journal once, up to stream position <paramref name="upTo"/>, into figures by kind and department and
    /// by kind and district for each of <paramref name="years"/>; open parts are counted up to <paramref name="asOf"/> within each year.
    /// </summary>
    /// <remarks>Reads every event of the city's stream up to that position; events after it are not counted, however early they say they happened.</remarks>
    Task<RebuiltYears> RebuildYearsAsync(IReadOnlyList<int> years, DateTimeOffset asOf, long upTo);
}

/// <summary>Figures rebuilt from the journal, in the order the years were asked for.</summary>
public sealed record RebuiltYears(IReadOnlyList<YearlyFigures> ByDepartment, IReadOnlyList<YearlyFigures> ByDistrict);
