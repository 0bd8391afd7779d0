using CityActors.Grains.Aggregation;
using CityActors.Grains.Concept;
using CityActors.Grains.Departments;
using CityActors.Grains.Kinds;
using CityActors.Grains.Projects;
using CityActors.Runtime.Storage;

namespace CityActors.Grains.Reports;

/// <summary>The year's and the previous year's figures, by kind and department and by kind and district, all counted to one stream position.</summary>
public sealed record ReportFigures(YearlyFigures Year, YearlyFigures Previous, YearlyFigures Districts, YearlyFigures PreviousDistricts)
{
    public long Position => Year.Sequence;
}

/// <summary>Reads what a report is built from, as of one stream position: the figures, the projects' reports and money, the departments' records.</summary>
public static class ReportSources
{
    /// <summary>How often the position is moved on when an aggregate counted past it meanwhile, before giving up.</summary>
    const int PositionAttempts = 50;

    /// <summary>The maintained aggregates' figures at one position: the head of the stream now, or the position an aggregate had already counted to.</summary>
    /// <remarks>An aggregate behind the position counts the journal's events up to it; one ahead of it makes the position move on and both are asked again.</remarks>
    public static async Task<ReportFigures> FiguresAsync(IGrainFactory grains, GrainStorage storage, string city, int year, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(storage);
        var aggregate = grains.GetGrain<ICityAggregateGrain>(city);
        var districts = grains.GetGrain<IDistrictFiguresGrain>(city);
        int[] years = [year, year - 1];
        var position = storage.HighWaterMark;
        for (var attempt = 1; attempt <= PositionAttempts; attempt++)
        {
            var byDepartment = await aggregate.GetYearsAsOfAsync(years, asOf, position);
            var byDistrict = await districts.GetYearsAsOfAsync(years, asOf, byDepartment[0].Sequence);
            if (byDistrict[0].Sequence == byDepartment[0].Sequence)
                return new ReportFigures(byDepartment[0], byDepartment[1], byDistrict[0], byDistrict[1]);
            position = byDistrict[0].Sequence;
        }
        throw new InvalidOperationException($"The aggregates of {city} kept counting past each other over {PositionAttempts} attempts; build again.");
    }

    /// <summary>The same figures folded from the raw journal up to <paramref name="position"/>, in one pass.</summary>
    public static async Task<ReportFigures> RebuildFiguresAsync(IGrainFactory grains, string city, int year, DateTimeOffset asOf, long position)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var rebuilt = await grains.GetGrain<IDistrictFiguresGrain>(city).RebuildYearsAsync([year, year - 1], asOf, position);
        return new ReportFigures(rebuilt.ByDepartment[0], rebuilt.ByDepartment[1], rebuilt.ByDistrict[0], rebuilt.ByDistrict[1]);
    }

    /// <summary>Everything else the report needs, as of the figures' position.</summary>
    /// <param name="structure">Part one's structure: the imported Concept without the projects' years.</param>
    /// <param name="now">The moment the departments' deadline is judged at (reports missing).</param>
    public static async Task<ReportInputs> InputsAsync(IGrainFactory grains, string city, int year, DateTimeOffset asOf, ReportFigures figures, ConceptTree structure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(structure);
        var position = figures.Position;
        var projects = new Dictionary<string, ProjectSnapshot>(StringComparer.Ordinal);
        var keys = structure.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects).Select(p => p.GrainKey).Distinct(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(16)) // each project reads its journal on a database connection of its own
        {
            foreach (var snapshot in await Task.WhenAll(chunk.Select(key => grains.GetGrain<IProjectGrain>(key).GetAsOfAsync(position))))
                projects[snapshot.Key] = snapshot;
        }
        var concept = ReportConcept.ForYear(structure, year, projects);
        var money = ReportConcept.Money(structure, year, projects);
        var kinds = await grains.GetGrain<IKindRegistryGrain>(city).GetKindsAsync();
        var departments = new List<(string, string, ReportingRecord)>();
        foreach (var id in AnnualReportBuilder.DepartmentIds(concept, figures.Year))
        {
            var department = await grains.GetGrain<IDepartmentGrain>(id).GetAsOfAsync(position);
            var name = department.Registration?.Name
                ?? AnnualReportBuilder.Rows(concept).SelectMany(r => r.Departments).FirstOrDefault(d => d.Id == id)?.Name
                ?? id;
            var facilityUpdates = figures.Year.Facilities.Where(f => f.Department == id).Sum(f => f.Updates);
            departments.Add((id, name, ReportingRecords.Of(department, year, facilityUpdates, now)));
        }
        return new ReportInputs(year, asOf, concept, money, figures.Year, figures.Previous, figures.Districts, figures.PreviousDistricts,
            kinds.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal), departments);
    }
}
