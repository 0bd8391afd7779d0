using CityActors.Grains.Concept;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Reports;

/// <summary>Part one for a year: the imported Concept's structure with each project's report for that year, as the projects' journals give it.</summary>
public static class ReportConcept
{
    /// <summary>Builds the year's document from the structure and the projects' snapshots (as of the report's stream position).</summary>
    /// <param name="projects">Project snapshots by grain key; a project missing here, or with no report for the year, keeps its row, empty.</param>
    /// <remarks>
    /// The text is the project's latest report for the year: an import, a correction, a late report. Its class is the one
    /// stored with it, which the importer's rules or a planner's override decided.
    /// </remarks>
    public static ConceptDocument ForYear(ConceptTree tree, int year, IReadOnlyDictionary<string, ProjectSnapshot> projects)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(projects);
        return new ConceptDocument(year, [.. tree.Priorities.Select(p => new ConceptPriority(p.Key, p.Number, p.Title,
            [.. p.Goals.Select(g => new StrategicGoal(g.Key, g.Number, g.Title,
                [.. g.Tasks.Select(t => new ConceptTask(t.Key, t.Number, t.Description,
                    [.. t.Projects.Select(project => Project(project, Report(projects, project, year)))]))]))]))]);
    }

    /// <summary>The rows whose report for the year states money, in the document's order, keyed by their position in it.</summary>
    public static IReadOnlyList<RowMoney> Money(ConceptTree tree, int year, IReadOnlyDictionary<string, ProjectSnapshot> projects)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(projects);
        return [.. tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects)
            .Select(project => (project.Position, Report: Report(projects, project, year)))
            .Where(row => row.Report is { MoneyPlanned: not null } or { MoneySpent: not null })
            .Select(row => new RowMoney(row.Position, row.Report!.MoneyPlanned, row.Report.MoneySpent))];
    }

    /// <summary>The structure alone: every project's years left out, since a report reads them from the projects as of its position.</summary>
    public static ConceptTree Structure(ConceptTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return tree with
        {
            Years = [],
            Priorities = [.. tree.Priorities.Select(p => p with
            {
                Goals = [.. p.Goals.Select(g => g with { Tasks = [.. g.Tasks.Select(t => t with { Projects = [.. t.Projects.Select(pr => pr with { Years = [] })] })] })],
            })],
        };
    }

    static ProjectReport? Report(IReadOnlyDictionary<string, ProjectSnapshot> projects, ConceptTreeProject project, int year)
        => projects.GetValueOrDefault(project.GrainKey)?.Reports.FirstOrDefault(r => r.Report.Year == year)?.Report;

    static ConceptProject Project(ConceptTreeProject project, ProjectReport? report)
    {
        var departments = project.Departments.Select(d => new DepartmentRef(d.Id, d.Name, d.Name)).ToList();
        return report is null
            ? new ConceptProject(project.Position, project.Name, project.Period, departments, "", StatusClass.NoInformation)
            : new ConceptProject(project.Position, project.Name, project.Period, departments, report.StatusText, StatusClasses.ToConcept(report.StatusClass));
    }
}
