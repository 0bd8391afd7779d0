namespace CityActors.Grains.Concept.Parsing;

// Mutable drafts that the builder fills row by row; Build turns them into the immutable document records.

sealed class PriorityDraft(int number, string title, int line)
{
    public int Number { get; } = number;
    public string Title { get; } = title;
    public int Line { get; } = line;
    public List<GoalDraft> Goals { get; } = [];

    public ConceptPriority Build(StatusClassifier classifier)
    {
        var key = $"p{Number}";
        return new ConceptPriority(key, Number, Title, [.. Goals.Select((g, i) => g.Build($"{key}.g{i + 1}", classifier))]);
    }
}

sealed class GoalDraft(int number, int line)
{
    public int Number { get; } = number;
    public int Line { get; } = line;
    public string Title { get; set; } = string.Empty;
    public List<TaskDraft> Tasks { get; } = [];

    public StrategicGoal Build(string key, StatusClassifier classifier) =>
        new(key, Number, Title, [.. Tasks.Select((t, i) => t.Build($"{key}.t{i + 1}", classifier))]);
}

sealed class TaskDraft(int number, string description)
{
    public int Number { get; } = number;
    public string Description { get; } = description;
    public List<EntryDraft> Entries { get; } = [];

    public ConceptTask Build(string key, StatusClassifier classifier) =>
        new(key, Number, Description, [.. Entries.Select((e, i) => e.Build($"{key}.pr{i + 1}", classifier))]);
}

sealed class EntryDraft(string name, IReadOnlyList<DepartmentRef> departments, int line)
{
    public string Name { get; } = name;
    public int Line { get; } = line;
    public IReadOnlyList<DepartmentRef> Departments { get; } = departments;
    public List<string> Paragraphs { get; } = [];

    public void AddStatus(string text)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            if (paragraph.Length > 0)
                Paragraphs.Add(paragraph);
        }
    }

    public ConceptProject Build(string key, StatusClassifier classifier)
    {
        var statusText = string.Join('\n', Paragraphs);
        return new ConceptProject(
            key,
            Name,
            ReportPatterns.FindPeriod(Name),
            Departments,
            statusText,
            classifier.Classify(key, statusText));
    }
}
