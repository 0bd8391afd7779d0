using CityActors.Grains.Facilities;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Imports;

/// <summary>The city's importer: reads files, compares them with the grains and applies what differs.</summary>
/// <remarks>One activation per city, so two imports of the same city run one after the other and never interleave.</remarks>
public sealed class ImportGrain([PersistentState("imports")] IPersistentState<ImportState> state, TimeProvider time) : Grain, IImportGrain
{
    const int MaxFileName = 260;

    public Task<ImportResult> ImportConceptAsync(ImportRequest request)
        => Checked(request, r => new ConceptImporter(GrainFactory, GrainId.Key, time).ImportAsync(r));

    public Task<ImportResult> ImportFacilitiesAsync(ImportRequest request)
        => Checked(request, r => new FacilityImporter(GrainFactory, GrainId.Key, time).ImportAsync(r, RememberAsync));

    public async Task<ExportResult> ExportFacilitiesAsync(string format)
    {
        if (format?.Trim().ToLowerInvariant() is not ("csv" or "json"))
            throw new ValidationException("format", "must be \"csv\" or \"json\".");
        var facilities = new List<(string, FacilityRegistration)>();
        foreach (var chunk in state.State.FacilityIds.Chunk(256))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<IFacilityGrain>(id).GetSnapshotAsync()));
            facilities.AddRange(snapshots.Where(s => s.Registration is not null).Select(s => (s.Key, s.Registration!)));
        }
        return FacilityFiles.Export(format, facilities, GrainId.Key);
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

    async Task RememberAsync(IReadOnlyCollection<string> ids)
    {
        var known = new SortedSet<string>(state.State.FacilityIds, StringComparer.Ordinal);
        var before = known.Count;
        known.UnionWith(ids);
        if (known.Count == before)
            return;
        state.State = state.State with { FacilityIds = [.. known] };
        await state.WriteStateAsync();
    }
}
