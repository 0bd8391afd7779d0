using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Aggregation;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Live and yearly aggregates.</summary>
public static class AggregatesApi
{
    public static RouteGroupBuilder MapAggregatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Aggregates");
        api.MapGet("/aggregates/live", async (CityGrains city) => TypedResults.Ok(await city.Aggregate.GetRollupAsync()))
            .WithName("GetLiveAggregates").WithSummary("The city's live counts by kind, status, district and department").Produces<CityRollup>();
        api.MapGet("/aggregates/years/{year}", YearAsync)
            .WithName("GetYearlyAggregates").WithSummary("A year's exact figures: availability, outages, downtime, projects by status").Produces<YearlyFigures>().ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    static async Task<IResult> YearAsync(string year, HttpRequest request, CityGrains city)
    {
        var number = QueryValues.Int(year, "year", 0, 2000, 2100);
        var asOf = QueryValues.Time(request.Query["asOf"], "asOf");
        if (asOf is { Year: < 2000 })
            throw new ValidationException("asOf", "is before the year 2000.");
        return TypedResults.Ok(await city.Aggregate.GetYearAsync(number, asOf));
    }
}
