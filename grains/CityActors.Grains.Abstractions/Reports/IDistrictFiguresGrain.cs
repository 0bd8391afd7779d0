using CityActors.Grains.Aggregation;

namespace CityActors.Grains.Reports;

/// <summary>The exact yearly facility figures by kind and district (key: the city name), fed by the <c>city-events</c> stream.</summary>
/// <remarks>The figures are <see cref="YearlyFigures"/> whose <see cref="FacilityYearFigures.Department"/> holds the district.</remarks>
public interface IDistrictFiguresGrain : IGrainWithStringKey
{
    /// <summary>The year's figures by kind and district as counted live, open parts counted up to <paramref name="asOf"/>.</summary>
    [ReadOnly]
    Task<YearlyFigures> GetYearAsync(int year, DateTimeOffset asOf);

    /// <summary>The position of the last event counted.</summary>
    [ReadOnly]
    Task<long> GetCheckpointAsync();

    /// <summary>
    /// Folds the raw journal once, up to the last event counted live, into figures by kind and department and by kind
    /// and district for each of <paramref name="years"/>; open parts are counted up to <paramref name="asOf"/> within each year.
    /// </summary>
    Task<RebuiltYears> RebuildYearsAsync(IReadOnlyList<int> years, DateTimeOffset asOf);
}

/// <summary>Figures rebuilt from the journal, in the order the years were asked for.</summary>
public sealed record RebuiltYears(IReadOnlyList<YearlyFigures> ByDepartment, IReadOnlyList<YearlyFigures> ByDistrict);
