using CityActors.Grains.Directory;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Imports;

/// <summary>The city's importer: reads files, compares them with the grains and applies what differs.</summary>
/// <remarks>One activation per city, so two imports of the same city run one after the other and never interleave.</remarks>
public sealed class ImportGrain(TimeProvider time) : Grain, IImportGrain
{
    const int MaxFileName = 260;

    public Task<ImportResult> ImportConceptAsync(ImportRequest request)
        => Checked(request, r => new ConceptImporter(GrainFactory, GrainId.Key, time).ImportAsync(r));

    public Task<ImportResult> ImportFacilitiesAsync(ImportRequest request)
        => Checked(request, r => new FacilityImporter(GrainFactory, GrainId.Key, time).ImportAsync(r));

    public async Task<ExportResult> ExportFacilitiesAsync(string format)
    {
        if (format?.Trim().ToLowerInvariant() is not ("csv" or "json"))
            throw new ValidationException("format", "must be \"csv\" or \"json\".");
        // Every facility of the city is in the directory, however it was registered (demo, API, import).
        var directory = GrainFactory.GetGrain<IFacilityDirectoryGrain>(GrainId.Key);
        await directory.CatchUpAsync();
        var facilities = new SortedDictionary<string, FacilityRegistration>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += FacilityQuery.MaxLimit)
        {
            var page = await directory.ListAsync(new FacilityQuery(Offset: offset, Limit: FacilityQuery.MaxLimit));
            foreach (var l in page.Items)
                facilities[l.Key] = new FacilityRegistration(l.Kind, l.Name, l.Address, l.District, l.Department, l.Location, l.LocationPublic, l.Capacity);
            if (page.Items.Count == 0 || offset + page.Items.Count >= page.Total)
                break;
        }
        return FacilityFiles.Export(format, [.. facilities.Select(f => (f.Key, f.Value))], GrainId.Key);
    }

    /// <summary>A request without a name or content is answered with an error, never an exception.</summary>
    static Task<ImportResult> Checked(ImportRequest request, Func<ImportRequest, Task<ImportResult>> import)
    {
        var file = string.IsNullOrWhiteSpace(request?.FileName) ? "(unnamed)" : request.FileName;
        string? problem = request switch
        {
            null => "no request",
            { FileName: null or "" } or { FileName.Length: > MaxFileName } => $"a file name is required (at most {MaxFileName} characters)",
            { Content: null } => "the file has no content",
            { By.Length: > 256 } => "by: at most 256 characters",
            _ => null,
        };
        if (problem is null)
            return import(request!);
        return Task.FromResult(new ImportResult(file, false, request?.DryRun ?? false, [], [], [new ImportError(file, 0, problem)], []));
    }
}
