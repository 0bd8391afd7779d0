namespace CityActors.Grains.Reports;

/// <summary>One stored version of a year's report and what it was built from.</summary>
/// <param name="AsOf">The moment the report speaks for.</param>
/// <param name="Sequence">The position of the last event of the city's stream counted.</param>
/// <param name="Counts">The year's events the report counts.</param>
/// <param name="ContentHash">SHA-256 of the report's content (hex); equal content, equal hash.</param>
/// <param name="BuiltAt">When the version was stored; not part of the content.</param>
public sealed record ReportVersion(int Year, int Version, DateTimeOffset AsOf, long Sequence, ReportCounts Counts, string ContentHash, DateTimeOffset BuiltAt);
