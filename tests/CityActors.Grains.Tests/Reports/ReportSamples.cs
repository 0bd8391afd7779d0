using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Departments;
using CityActors.Grains.Reports;
using CityActors.Grains.Tests.Concept.Parsing;

namespace CityActors.Grains.Tests.Reports;

/// <summary>A 2025 report from the real Concept document and figures small enough to check by hand.</summary>
static class ReportSamples
{
    public static readonly DateTimeOffset EndOf2025 = KyivCalendar.StartOf(2026);

    static readonly Lazy<ConceptDocument> s_concept = new(() => new ConceptDocumentParser().ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025));

    public static ConceptDocument Concept2025 => s_concept.Value;

    static readonly TimeSpan s_year = EndOf2025 - KyivCalendar.StartOf(2025);

    /// <summary>Boiler houses of two departments, shelters and cameras; 2024 has boiler houses and shelters only.</summary>
    public static YearlyFigures Figures2025 { get; } = new(2025, EndOf2025, 4242,
    [
        new("boiler-house", "utilities", 50, 52, 99.0, 10, TimeSpan.FromHours(10), TimeSpan.FromHours(1), 10, 12, 2, 300, TimeSpan.FromHours(1000)),
        new("boiler-house", "education", 3, 3, 98.0, 2, TimeSpan.FromHours(20), TimeSpan.FromHours(10), 2, 3, 0, 40, TimeSpan.FromHours(1000)),
        new("cctv-camera", "it", 600, 653, 97.5, 120, TimeSpan.FromHours(1_000), TimeSpan.FromMinutes(90), 118, 130, 0, 15_000, TimeSpan.FromHours(40_000)),
        new("shelter", "civil-protection", 300, 310, 99.5, 4, TimeSpan.FromHours(13_000), TimeSpan.FromHours(3), 4, 4, 1, 8, s_year * 305),
    ], []);

    public static YearlyFigures Figures2024 { get; } = new(2024, KyivCalendar.StartOf(2025), 1000,
    [
        new("boiler-house", "utilities", 48, 50, 98.5, 14, TimeSpan.FromHours(15), TimeSpan.FromHours(2), 14, 16, 3, 280, TimeSpan.FromHours(1000)),
        new("shelter", "civil-protection", 280, 300, 99.0, 6, TimeSpan.FromHours(26_000), TimeSpan.FromHours(4), 6, 6, 2, 10, s_year * 290),
    ], []);

    /// <summary>The same facilities by district: the boiler houses split over two districts, the rest in one.</summary>
    public static YearlyFigures Districts2025 { get; } = new(2025, EndOf2025, 4242,
    [
        new("boiler-house", "Богунський", 20, 21, 99.5, 4, TimeSpan.FromHours(5), TimeSpan.FromHours(1), 4, 5, 1, 100, TimeSpan.FromHours(1000)),
        new("boiler-house", "Корольовський", 33, 34, 97.5, 8, TimeSpan.FromHours(25), TimeSpan.FromHours(3), 8, 10, 1, 240, TimeSpan.FromHours(1000)),
        new("cctv-camera", "Корольовський", 600, 653, 97.5, 120, TimeSpan.FromHours(1_000), TimeSpan.FromMinutes(90), 118, 130, 0, 15_000, TimeSpan.FromHours(40_000)),
        new("shelter", "Богунський", 300, 310, 99.5, 4, TimeSpan.FromHours(13_000), TimeSpan.FromHours(3), 4, 4, 1, 8, s_year * 305),
    ], []);

    public static YearlyFigures Districts2024 { get; } = new(2024, KyivCalendar.StartOf(2025), 1000,
    [
        new("boiler-house", "Богунський", 20, 20, 99.0, 6, TimeSpan.FromHours(10), TimeSpan.FromHours(2), 6, 6, 1, 100, TimeSpan.FromHours(1000)),
        new("shelter", "Богунський", 280, 300, 99.0, 6, TimeSpan.FromHours(26_000), TimeSpan.FromHours(4), 6, 6, 2, 10, s_year * 290),
    ], []);

    public static Dictionary<string, string> KindNames { get; } = new()
    {
        ["boiler-house"] = "Котельня",
        ["cctv-camera"] = "Камера відеоспостереження",
        ["shelter"] = "Найпростіше укриття",
    };

    /// <summary>Money stated by three rows of the first priority and one of the second; one row states only what it planned.</summary>
    public static IReadOnlyList<RowMoney> Money2025 { get; } = MoneyOf(Concept2025);

    static List<RowMoney> MoneyOf(ConceptDocument concept)
    {
        var first = AnnualReportBuilder.Rows(concept with { Priorities = [concept.Priorities[0]] }).Take(3).Select(r => r.Key).ToList();
        var second = AnnualReportBuilder.Rows(concept with { Priorities = [concept.Priorities[1]] }).First().Key;
        return
        [
            new(first[0], 2_400_000m, 2_150_500.50m),
            new(first[1], 65_800m, 65_800m),
            new(first[2], 850m, null),
            new(second, 1_250_000_000m, 990_000_000m),
        ];
    }

    public static AnnualReport Report2025(int version = 1)
    {
        var concept = Concept2025;
        var departments = AnnualReportBuilder.DepartmentIds(concept, Figures2025)
            .Select((id, i) => (id, AnnualReportBuilder.Rows(concept).SelectMany(r => r.Departments).FirstOrDefault(d => d.Id == id)?.Name ?? id,
                new ReportingRecord(2025, 10 + i, 3, 2, 1, 0, DepartmentGrain.Deadline(2025))))
            .ToList();
        var inputs = new ReportInputs(2025, EndOf2025, concept, Money2025, Figures2025, Figures2024, Districts2025, Districts2024, KindNames, departments);
        return AnnualReportBuilder.Build(inputs, version);
    }
}
