using CityActors.ClientApi.Access;
using CityActors.ClientApi.Http;
using CityActors.Grains;
using CityActors.Grains.Access;
using CityActors.Grains.Imports;
using CityActors.ClientApi.OpenApi;

namespace CityActors.ClientApi.Apis;

/// <summary>Imports of the Concept report and of facility registries; the file is the request body.</summary>
public static class ImportsApi
{
    const long MaxFile = 50 * 1024 * 1024;

    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("/api/v1", "Imports");
        api.MapPost("/imports/concept", (HttpRequest request, Caller caller, CityGrains city)
                => ImportAsync(request, caller, (r) => city.Imports.ImportConceptAsync(r), "concept.txt"))
            .WithName("ImportConcept").WithSummary("Imports the Concept report (the city's yearly text report); ?dryRun=true shows what would change, ?partial=true applies the good rows")
            .Accepts<byte[]>("text/plain", "application/octet-stream").Produces<ImportResult>()
            .ProducesProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity).RequireRole(ApiRole.Admin, ApiRole.Planner).AuditedAs("import.concept", null);
        api.MapPost("/imports/facilities", (HttpRequest request, Caller caller, CityGrains city)
                => ImportAsync(request, caller, (r) => city.Imports.ImportFacilitiesAsync(r), "facilities.csv"))
            .WithName("ImportFacilities").WithSummary("Imports a facility registry (CSV or JSON); ?dryRun=true shows what would change, ?partial=true applies the good rows")
            .Accepts<byte[]>("text/csv", "application/json", "application/octet-stream").Produces<ImportResult>()
            .ProducesProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity).RequireRole(ApiRole.Admin, ApiRole.Planner).AuditedAs("import.facilities", null);
        api.MapGet("/exports/facilities", ExportAsync).WithName("ExportFacilities").WithSummary("The facility registry as CSV or JSON (?format=csv|json)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/json").ProducesProblems(StatusCodes.Status422UnprocessableEntity).RequireKey();
        return api;
    }

    static async Task<IResult> ImportAsync(HttpRequest request, Caller caller, Func<ImportRequest, Task<ImportResult>> import, string defaultName)
    {
        if (request.ContentLength > MaxFile)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "File too large", $"An import file may have at most {MaxFile / 1024 / 1024} MB.");
        var fileName = request.Query["fileName"].ToString() is { Length: > 0 } name ? Path.GetFileName(name) : defaultName;
        var dryRun = QueryValues.Bool(request.Query["dryRun"], "dryRun") ?? false;
        var partial = QueryValues.Bool(request.Query["partial"], "partial") ?? false;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
            throw new ValidationException("body", "the file is empty: send its content as the request body.");
        var result = await import(new ImportRequest(fileName, buffer.ToArray(), dryRun, partial, caller.Name));
        request.HttpContext.Say($"{fileName}{(dryRun ? " (dry run)" : "")}: {(result.Applied ? "applied" : result.Interrupted ? "interrupted" : "not applied")}, "
            + string.Join("; ", result.Counts.Select(c => $"{c.Entity} +{c.Created} ~{c.Changed} ={c.Unchanged} !{c.Failed} -{c.Withdrawn}")) + $", {result.Errors.Count} errors");
        if (result.Succeeded)
            return TypedResults.Ok(result);
        return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Import refused",
            $"{result.Errors.Count} error(s); the first: {result.Errors[0]}. {Outcome(result)}",
            errors: result.Errors.Select(e => new { e.File, e.Line, e.Reason }).ToList(),
            extensions: new Dictionary<string, object?> { ["result"] = result });
    }

    static string Outcome(ImportResult result) => result switch
    {
        { Applied: true } => "The good rows were applied (partial).",
        { Interrupted: true } => "A write failed part-way: the changes before it were written, the rest were not; import the same file again to complete it.",
        _ => "Nothing was applied.",
    };

    static async Task<IResult> ExportAsync(HttpRequest request, CityGrains city)
    {
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "csv";
        var export = await city.Imports.ExportFacilitiesAsync(format);
        return TypedResults.File(export.Content, export.ContentType, export.FileName);
    }
}
