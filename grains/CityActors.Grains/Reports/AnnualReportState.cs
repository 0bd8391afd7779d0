using CityActors.Grains.Concept;

namespace CityActors.Grains.Reports;

/// <summary>Every stored version of a year's report, oldest first.</summary>
public sealed record AnnualReportState
{
    public IReadOnlyList<StoredReport> Versions { get; init; } = [];
}

/// <summary>A version as stored: the report, when it was built, and part one's structure as it was then.</summary>
/// <param name="BuiltAt">When it was built: whether the departments' deadline had passed (reports missing) is judged at this moment, also in a rebuild.</param>
/// <param name="Structure">The imported Concept's structure the version was built on (no project years); null for versions stored before it was kept.</param>
public sealed record StoredReport(AnnualReport Report, DateTimeOffset BuiltAt, ConceptTree? Structure = null)
{
    public ReportVersion Describe() => new(Report.Year, Report.Version, Report.AsOf, Report.Sequence, Report.Counts, Report.ContentHash, BuiltAt);
}
