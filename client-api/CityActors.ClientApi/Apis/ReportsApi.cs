using CityActors.ClientApi.Access;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Reports;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>
/// The annual report: <c>GET /api/v1/reports/{year}.{format}</c> (docx, html, csv, json, tsv; <c>?version=N</c> for an
/// earlier version), its versions, and a build on demand. The report is a public document: reading needs no key, and
/// asking for a year that has begun but has no version yet builds the first one.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Reports");
        api.MapGet("/reports/{year}.{format}", RenderAsync)
            .WithName("GetAnnualReport").WithSummary("The annual report as a file: docx, html, csv (ZIP with a data package), json or tsv; the latest version, built now when the year has none yet; ?version=N for an earlier version")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/reports/{year}/versions", async (string year, IGrainFactory grains) => TypedResults.Ok(await Report(grains, year).GetVersionsAsync()))
            .WithName("ListAnnualReportVersions").WithSummary("Every version of a year's report, oldest first, with the moment and event counts it was built from")
            .Produces<IReadOnlyList<ReportVersion>>().ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/reports/{year}/build", BuildAsync)
            .WithName("BuildAnnualReport").WithSummary("Builds the year's report now (?asOf= a moment); a new version only when its content changed")
            .Produces<ReportVersion>().ProducesProblems(StatusCodes.Status422UnprocessableEntity).RequireRole(ApiRole.Admin, ApiRole.Planner).AuditedAs("report.build", "year");
        return api;
    }

    static async Task<IResult> RenderAsync(string year, string format, HttpRequest request, IGrainFactory grains)
    {
        int? version = request.Query["version"].Count == 0 ? null : QueryValues.Int(request.Query["version"], "version", 0, 1, int.MaxValue);
        ReportFormat.Check(format);
        var report = Report(grains, year);
        if (version is null && (await report.GetVersionsAsync()).Count == 0)
            await report.EnsureBuiltAsync(); // a planner asking for a year gets it, not a 404 until someone builds it
        var file = await report.RenderAsync(format, version);
        request.HttpContext.Response.Headers.ETag = $"\"{file.ContentHash}\"";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    static async Task<IResult> BuildAsync(string year, HttpRequest request, IGrainFactory grains)
    {
        var asOf = QueryValues.Time(request.Query["asOf"], "asOf");
        return TypedResults.Ok(await Report(grains, year).BuildAsync(asOf));
    }

    static IAnnualReportGrain Report(IGrainFactory grains, string year)
    {
        if (year.Length != 4 || !int.TryParse(year, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 2000 or > 2100)
            throw new ValidationException("year", "must be a year from 2000 to 2100.");
        return grains.GetGrain<IAnnualReportGrain>(year);
    }
}
