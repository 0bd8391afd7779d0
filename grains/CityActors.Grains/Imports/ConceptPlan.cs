using System.Globalization;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Departments;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Imports;

/// <summary>A department as the report wants it registered; <see cref="Line"/> is the first row that names it.</summary>
sealed record PlannedDepartment(string Id, DepartmentRegistration Registration, int? Line);

/// <summary>A report row as the project grain should hold it; <see cref="Report"/> is null when the row reports nothing.</summary>
sealed record PlannedProject(string GrainKey, string Position, int? Line, string Label, ProjectRegistration Registration, ProjectReport? Report);

/// <summary>What a Concept report amounts to in grains: departments, projects with their year's report, and the tree.</summary>
sealed record ConceptPlan(int Year, IReadOnlyList<PlannedDepartment> Departments, IReadOnlyList<PlannedProject> Projects, ConceptTree Tree)
{
    /// <summary>Maps a parsed document (its <see cref="ConceptParseResult.Lines"/>: where each row starts); <paramref name="overrides"/> (by project grain key) win over the document's classes.</summary>
    public static ConceptPlan From(ConceptDocument document, ConceptParseResult parsed, string city, string file, IReadOnlyDictionary<string, StatusClass> overrides, List<ImportError> warnings)
    {
        var lines = parsed.Lines;
        var names = PriorityNames.Resolve(document, parsed.TableLines, file, warnings);
        var keys = ProjectKeys.For(document);
        var departments = new Dictionary<string, PlannedDepartment>(StringComparer.Ordinal);
        var projects = new List<PlannedProject>();
        var priorities = new List<ConceptTreePriority>();
        foreach (var priority in document.Priorities)
        {
            var goals = new List<ConceptTreeGoal>();
            foreach (var goal in priority.Goals)
            {
                var tasks = new List<ConceptTreeTask>();
                foreach (var task in goal.Tasks)
                {
                    var nodes = new List<ConceptTreeProject>();
                    foreach (var project in task.Projects)
                    {
                        int? line = lines.TryGetValue(project.Key, out var at) ? at : null;
                        foreach (var department in project.Departments)
                            departments.TryAdd(department.Id, Department(department, line));
                        var grainKey = keys[project.Key];
                        var statusClass = overrides.TryGetValue(grainKey, out var overridden) ? overridden : project.StatusClass;
                        var (start, end) = Years(project.Period);
                        var registration = new ProjectRegistration(
                            names[priority.Key],
                            goal.Title,
                            $"{task.Number.ToString(CultureInfo.InvariantCulture)}. {task.Description}",
                            project.Name.Length > 0 ? project.Name : task.Description,
                            start,
                            end,
                            [.. project.Departments.Select(d => d.Id).Distinct(StringComparer.Ordinal)],
                            [.. project.Departments.Select(d => d.RawSpelling)]);
                        var report = project.StatusText.Length == 0
                            ? null
                            : new ProjectReport(document.Year, project.StatusText, StatusClasses.ToProject(statusClass));
                        var label = project.Name.Length > 0 ? project.Name : $"{task.Number}. {task.Description} (звіт за завданням)";
                        projects.Add(new PlannedProject(grainKey, project.Key, line, label, registration, report));
                        nodes.Add(new ConceptTreeProject(
                            grainKey, project.Key, project.Name, project.Period,
                            [.. project.Departments.Select(d => new ConceptTreeDepartment(d.Id, d.Name))],
                            report is null ? [] : [new ConceptTreeYear(document.Year, statusClass, project.StatusText, overrides.ContainsKey(grainKey))]));
                    }
                    tasks.Add(new ConceptTreeTask(task.Key, task.Number, task.Description, nodes));
                }
                goals.Add(new ConceptTreeGoal(goal.Key, goal.Number, goal.Title, tasks));
            }
            priorities.Add(new ConceptTreePriority(priority.Key, priority.Number, names[priority.Key], goals));
        }
        var tree = new ConceptTree(city, [document.Year], priorities);
        return new ConceptPlan(document.Year, [.. departments.Values], projects, tree);
    }

    static PlannedDepartment Department(DepartmentRef department, int? line)
        => new(department.Id, new DepartmentRegistration(department.Name, DepartmentCatalog.EnglishNames.GetValueOrDefault(department.Id, string.Empty)), line);

    static (int? Start, int? End) Years(string? period)
    {
        if (period is null)
            return (null, null);
        var parts = period.Split('-');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
