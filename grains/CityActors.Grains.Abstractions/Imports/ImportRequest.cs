namespace CityActors.Grains.Imports;

/// <summary>A file to import, as uploaded.</summary>
/// <param name="FileName">The file's name, used in error messages (<c>concept-2025.txt:412: …</c>).</param>
/// <param name="Content">The file's bytes, not text: a file in the wrong encoding is reported, never silently misread.</param>
/// <param name="DryRun">Report what would change and change nothing.</param>
/// <param name="Partial">Apply the rows that are valid even when others have errors; by default one error imports nothing.</param>
/// <param name="By">The person or system importing, recorded on every change.</param>
public sealed record ImportRequest(string FileName, byte[] Content, bool DryRun, bool Partial, string By);
