using System.Security.Cryptography;
using System.Text.Json;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Departments;

namespace CityActors.Grains.Reports;

/// <summary>What a report is built from: the Concept part, the year's figures (and the previous year's), kind names and departments' records.</summary>
/// <param name="Money">The money part one's rows state for the year.</param>
/// <param name="Figures">The year's figures by kind and department; their stream position is the report's.</param>
/// <param name="Previous">The previous year's figures; empty figures mean that year has none.</param>
/// <param name="Districts">The year's figures by kind and district (district in the department's place).</param>
/// <param name="PreviousDistricts">The previous year's, likewise.</param>
/// <param name="KindNames">Ukrainian names by kind id.</param>
/// <param name="Departments">Each department of <see cref="AnnualReportBuilder.DepartmentIds"/>: its name and reporting record.</param>
public sealed record ReportInputs(
    int Year,
    DateTimeOffset AsOf,
    ConceptDocument Concept,
    IReadOnlyList<RowMoney> Money,
    YearlyFigures Figures,
    YearlyFigures? Previous,
    YearlyFigures Districts,
    YearlyFigures? PreviousDistricts,
    IReadOnlyDictionary<string, string> KindNames,
    IReadOnlyList<(string Id, string Name, ReportingRecord Record)> Departments);

/// <summary>Computes a report from its inputs: every total summed here, never taken from a text, and the content hashed.</summary>
public static class AnnualReportBuilder
{
    /// <summary>The departments a report covers: those part one names and those that own facilities, ordered by id.</summary>
    public static IReadOnlyList<string> DepartmentIds(ConceptDocument concept, YearlyFigures figures)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(figures);
        return [.. Rows(concept).SelectMany(p => p.Departments.Select(d => d.Id)).Concat(figures.Facilities.Select(f => f.Department))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static AnnualReport Build(ReportInputs inputs, int version)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Districts.Sequence != inputs.Figures.Sequence)
            throw new ArgumentException($"The figures by district (position {inputs.Districts.Sequence}) and by department (position {inputs.Figures.Sequence}) must be counted to one stream position.", nameof(inputs));
        var operations = Operations(inputs);
        var figures = inputs.Figures.Facilities;
        var counts = new ReportCounts(
            figures.Sum(f => f.Updates),
            figures.Sum(f => f.Outages),
            figures.Sum(f => f.AlarmsRaised),
            Rows(inputs.Concept).Count(p => p.StatusText.Length > 0));
        var departments = inputs.Departments.Select(d => new DepartmentReporting(
            d.Id,
            d.Name,
            Rows(inputs.Concept).Count(p => p.Departments.Any(r => r.Id == d.Id)),
            figures.Where(f => f.Department == d.Id).Sum(f => f.FacilitiesAtEnd),
            d.Record.UpdatesSent,
            d.Record.ReportsDue,
            d.Record.ReportsOnTime,
            d.Record.ReportsLate,
            d.Record.ReportsMissing,
            d.Record.Deadline)).ToList();
        var report = new AnnualReport(inputs.Year, version, inputs.AsOf, inputs.Figures.Sequence, counts, "", inputs.Concept, Money(inputs), operations, Districts(inputs), departments);
        return report with { ContentHash = Hash(report) };
    }

    /// <summary>SHA-256 of the content: everything but the version, the stream position and the hash itself.</summary>
    public static string Hash(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = JsonSerializer.SerializeToUtf8Bytes(report with { Version = 0, Sequence = 0, ContentHash = "" });
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    /// <summary>Every report row of part one: projects and tasks' own reports.</summary>
    public static IEnumerable<ConceptProject> Rows(ConceptDocument concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        return concept.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects);
    }

    /// <summary>Each row's stated amounts, summed by priority and for the city; rows part one does not have are left out.</summary>
    static ConceptMoney Money(ReportInputs inputs)
    {
        var stated = inputs.Money.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var priorities = inputs.Concept.Priorities.Select(p => (p.Key, Rows: p.Goals.SelectMany(g => g.Tasks).SelectMany(t => t.Projects)
            .Select(row => stated.GetValueOrDefault(row.Key)).OfType<RowMoney>().ToList())).ToList();
        return new ConceptMoney(
            [.. priorities.SelectMany(p => p.Rows)],
            [.. priorities.Select(p => new PriorityMoney(p.Key, MoneyTotals.Of(p.Rows)))],
            MoneyTotals.Of(priorities.SelectMany(p => p.Rows)));
    }

    static List<KindOperations> Operations(ReportInputs inputs)
    {
        var previous = inputs.Previous is { Facilities.Count: > 0 } p ? p.Facilities : null;
        return [.. inputs.Figures.Facilities
            .GroupBy(f => f.Kind, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(kind =>
            {
                var departments = kind.OrderBy(f => f.Department, StringComparer.Ordinal).Select(f => new DepartmentOperations(f.Department, Figures(f))).ToList();
                var before = previous?.Where(f => f.Kind == kind.Key).Select(Figures).ToList();
                return new KindOperations(
                    kind.Key,
                    inputs.KindNames.GetValueOrDefault(kind.Key, kind.Key),
                    Sum(departments.Select(d => d.Figures)),
                    before is { Count: > 0 } ? Sum(before) : null,
                    departments);
            })];
    }

    static List<DistrictOperations> Districts(ReportInputs inputs)
    {
        var previous = inputs.PreviousDistricts is { Facilities.Count: > 0 } p ? p.Facilities : null;
        return [.. inputs.Districts.Facilities
            .OrderBy(f => f.Department, StringComparer.Ordinal).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .Select(f =>
            {
                var before = previous?.FirstOrDefault(b => b.Kind == f.Kind && b.Department == f.Department);
                return new DistrictOperations(f.Department, f.Kind, inputs.KindNames.GetValueOrDefault(f.Kind, f.Kind), Figures(f), before is null ? null : Figures(before));
            })];
    }

    public static OperationFigures Sum(IEnumerable<OperationFigures> figures) => figures.Aggregate(OperationFigures.Zero, OperationFigures.Add);

    /// <remarks>The aggregate gives the mean time to restore; times the outages restored it is their total, short by less than a tick each.</remarks>
    static OperationFigures Figures(FacilityYearFigures f) => new(
        f.FacilitiesAtStart,
        f.FacilitiesAtEnd,
        f.Registered,
        f.Downtime,
        f.Outages,
        f.Restored,
        TimeSpan.FromTicks((f.MeanTimeToRestore ?? TimeSpan.Zero).Ticks * f.Restored),
        f.AlarmsRaised,
        f.CriticalAlarmsRaised,
        f.Updates);
}
