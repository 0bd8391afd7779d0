using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Reports;

/// <summary>Part one for a year: the imported Concept's structure with each project's report for that year.</summary>
public static class ReportConcept
{
    /// <summary>Builds the year's document; a project's own grain has the last word on its report text.</summary>
    /// <param name="projects">Project snapshots by grain key; a project missing here is reported as the tree has it.</param>
    /// <remarks>
    /// A report submitted to the project after the import (a correction, a late report) replaces the imported text, and the
    /// status rules classify it as the importer would. A project with no report for the year keeps its row, empty.
    /// </remarks>
    public static ConceptDocument ForYear(ConceptTree tree, int year, IReadOnlyDictionary<string, ProjectSnapshot> projects)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(projects);
        return new ConceptDocument(year, [.. tree.Priorities.Select(p => new ConceptPriority(p.Key, p.Number, p.Title,
            [.. p.Goals.Select(g => new StrategicGoal(g.Key, g.Number, g.Title,
                [.. g.Tasks.Select(t => new ConceptTask(t.Key, t.Number, t.Description,
                    [.. t.Projects.Select(project => Project(project, year, projects.GetValueOrDefault(project.GrainKey)))]))]))]))]);
    }

    static ConceptProject Project(ConceptTreeProject project, int year, ProjectSnapshot? snapshot)
    {
        var imported = project.Years.FirstOrDefault(y => y.Year == year);
        var submitted = snapshot?.Reports.FirstOrDefault(r => r.Report.Year == year)?.Report;
        var (text, statusClass) = (imported, submitted) switch
        {
            (_, { } s) when s.StatusText != imported?.StatusText => (s.StatusText, StatusClassifier.Default.Classify(s.StatusText)),
            ({ } i, _) => (i.StatusText, i.StatusClass),
            _ => ("", StatusClass.NoInformation),
        };
        var departments = project.Departments.Select(d => new DepartmentRef(d.Id, d.Name, d.Name)).ToList();
        return new ConceptProject(project.Position, project.Name, project.Period, departments, text, statusClass);
    }
}
