namespace CityActors.Grains.Reports;

/// <summary>Every stored version of a year's report, oldest first.</summary>
public sealed record AnnualReportState
{
    public IReadOnlyList<StoredReport> Versions { get; init; } = [];
}

/// <summary>A version as stored: the report and when it was built.</summary>
public sealed record StoredReport(AnnualReport Report, DateTimeOffset BuiltAt)
{
    public ReportVersion Describe() => new(Report.Year, Report.Version, Report.AsOf, Report.Sequence, Report.Counts, Report.ContentHash, BuiltAt);
}
