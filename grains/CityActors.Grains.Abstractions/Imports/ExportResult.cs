namespace CityActors.Grains.Imports;

/// <summary>An exported file: its suggested name, its media type (<c>text/csv; charset=utf-8</c>, <c>application/json</c>) and its bytes.</summary>
public sealed record ExportResult(string FileName, string ContentType, byte[] Content);
