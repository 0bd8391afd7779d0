namespace CityActors.Grains.Imports;

/// <summary>Imports the city's documents (key: the city's name, such as <c>zhytomyr</c>): the yearly Concept report and facility registries.</summary>
/// <remarks>
/// Imports are idempotent: the same file twice changes nothing the second time. Bad input never throws; it comes back
/// as <see cref="ImportResult.Errors"/> with file, line and reason, and nothing is applied unless the request is partial.
/// </remarks>
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Imports a Concept implementation report (the 2025 edition's form) into projects and departments.</summary>
    Task<ImportResult> ImportConceptAsync(ImportRequest request);

    /// <summary>Imports a facility registry (CSV with Ukrainian or English headers, or JSON), upserting by id.</summary>
    Task<ImportResult> ImportFacilitiesAsync(ImportRequest request);

    /// <summary>Exports the registry of every facility of the city as <c>csv</c> or <c>json</c>, in the form the import reads.</summary>
    /// <exception cref="ValidationException">A format other than <c>csv</c> or <c>json</c>.</exception>
    Task<ExportResult> ExportFacilitiesAsync(string format);
}
