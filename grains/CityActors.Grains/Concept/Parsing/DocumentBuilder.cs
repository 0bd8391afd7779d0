using System.Globalization;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Assembles priorities, goals, tasks and report rows from the classified lines of one document.</summary>
/// <remarks>Rows arrive already split into the five columns: number, task, project, department, status.</remarks>
sealed class DocumentBuilder(string file, DepartmentNames departments, List<ParseError> errors, List<ParseWarning> warnings)
{
    readonly List<PriorityDraft> _priorities = [];
    PriorityDraft? _priority;
    bool _headerSeen;
    bool _headerMissingReported;
    bool _rowsBeforeTitleReported;
    int? _year;
    int _yearLine;
    GoalDraft? _goal;
    bool _goalAwaitsTitle;
    TaskDraft? _task;
    EntryDraft? _entry;
    Skip _skip;

    /// <summary>What to drop after a row that could not be read, so that its remainder is not attached to the row before it.</summary>
    enum Skip
    {
        Nothing,
        Continuations,
        UntilNextTask,
    }

    public void StartTable(string title, int line, int? titleYear)
    {
        CloseTable();
        var earlier = _priorities.FirstOrDefault(p => p.Title == title);
        if (earlier is not null)
            Warn(line, $"the priority title \"{title}\" repeats the table at line {earlier.Line}; kept as written");
        _priority = new PriorityDraft(_priorities.Count + 1, title, line);
        _priorities.Add(_priority);
        _headerSeen = false;
        _headerMissingReported = false;
        _goal = null;
        _goalAwaitsTitle = false;
        _task = null;
        _entry = null;
        _skip = Skip.Nothing;
        if (titleYear is { } year)
            CheckYear(year, line);
    }

    public void SubtitleYear(int year, int line) => CheckYear(year, line);

    public void Header(string headerText, int line)
    {
        if (_priority is null)
        {
            Error(line, "header row before any table title (\"Інформація про виконання … пріоритету \"…\"\")");
            return;
        }
        var match = ReportPatterns.Year().Match(headerText);
        if (!match.Success)
        {
            Error(line, "the header row names no report year (\"Інформація про виконання за YYYY рік\")");
            return;
        }
        if (_headerSeen)
            Warn(line, "the header row is repeated inside the table; ignored");
        _headerSeen = true;
        CheckYear(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), line);
    }

    /// <summary>A line whose only text is in the first column: a goal heading or a goal title.</summary>
    public void TextLine(string text, int line)
    {
        if (ReportPatterns.Number().IsMatch(text))
        {
            Error(line, $"the row holds only the number \"{text}\" (truncated row?)");
            RowFailed(wasTaskRow: true);
            return;
        }
        if (!RequireTable(line))
            return;
        var heading = ReportPatterns.GoalHeading().Match(text);
        if (heading.Success)
        {
            StartGoal(int.Parse(heading.Groups["number"].Value, CultureInfo.InvariantCulture), line);
            _goalAwaitsTitle = true;
            return;
        }
        if (_goal is not null && _goalAwaitsTitle)
        {
            _goal.Title = text;
            _goalAwaitsTitle = false;
            return;
        }
        // A paragraph that lost its tabs would end like a sentence; goal titles never do.
        if (text.Length > 300 || text.EndsWith('.'))
        {
            Error(line, "text outside the table columns that is neither a goal heading nor a goal title");
            return;
        }
        var number = (_priority!.Goals.Count == 0 ? 0 : _priority.Goals[^1].Number) + 1;
        Warn(line, $"a goal title without its \"Стратегічна ціль\" heading; read as strategic goal {number}");
        StartGoal(number, line);
        _goal!.Title = text;
    }

    /// <summary>A row of the five columns: a task (number or text in the first two), a project, a department's report or more report text.</summary>
    public void DataRow(string number, string task, string project, string department, string status, int line)
    {
        if (!RequireTable(line))
            return;
        if (_goalAwaitsTitle)
            Warn(line, $"strategic goal {_goal!.Number} has no title row");
        _goalAwaitsTitle = false;
        if (number.Length == 0 && task.Length > 0 && project.Length > 0 && department.Length == 0
            && departments.LooksLikeDepartmentList(project) && !departments.LooksLikeDepartmentList(task))
        {
            Warn(line, "project and department stand one column to the left; realigned");
            (task, project, department) = (string.Empty, task, project);
        }

        if (number.Length > 0 || task.Length > 0)
        {
            _skip = Skip.Nothing;
            if (!StartTask(number, task, line))
            {
                RowFailed(wasTaskRow: true);
                return;
            }
            if (project.Length > 0 || department.Length > 0 || status.Length > 0)
                AddEntry(project, department, status, line);
        }
        else if (_skip == Skip.UntilNextTask || (_skip == Skip.Continuations && project.Length == 0 && department.Length == 0))
        {
            // The rest of a row that failed; its error is already reported.
        }
        else if (project.Length > 0 || department.Length > 0)
        {
            _skip = Skip.Nothing;
            if (_task is null)
            {
                Error(line, "a project row before any task of the goal");
                RowFailed(wasTaskRow: false);
                return;
            }
            AddEntry(project, department, status, line);
        }
        else if (_entry is null)
        {
            Error(line, "a row with only report text and no task or project before it");
        }
        else
        {
            _entry.AddStatus(status);
        }
    }

    /// <summary>A row that could not be read: the rows that continue it are dropped instead of joining the row before it.</summary>
    public void RowFailed(bool wasTaskRow)
    {
        _entry = null;
        if (wasTaskRow)
            _task = null;
        _skip = wasTaskRow ? Skip.UntilNextTask : Skip.Continuations;
    }

    public ConceptDocument? Build(StatusClassifier classifier)
    {
        CloseTable();
        if (_priorities.Count == 0)
        {
            Error(1, "no priority table found (a title \"Інформація про виконання … пріоритету \"…\"\" and its header row)");
            return null;
        }
        return new ConceptDocument(_year ?? 0, [.. _priorities.Select(p => p.Build(classifier))]);
    }

    /// <summary>The line each report row of <paramref name="document"/> starts on, by project key; the document must come from <see cref="Build"/>.</summary>
    public Dictionary<string, int> EntryLines(ConceptDocument document)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < _priorities.Count; p++)
        {
            for (var g = 0; g < _priorities[p].Goals.Count; g++)
            {
                for (var t = 0; t < _priorities[p].Goals[g].Tasks.Count; t++)
                {
                    var entries = _priorities[p].Goals[g].Tasks[t].Entries;
                    for (var e = 0; e < entries.Count; e++)
                        lines[document.Priorities[p].Goals[g].Tasks[t].Projects[e].Key] = entries[e].Line;
                }
            }
        }
        return lines;
    }

    /// <summary>The line of each table's title, by priority key; the document must come from <see cref="Build"/>.</summary>
    public Dictionary<string, int> TableLines(ConceptDocument document)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < _priorities.Count; p++)
            lines[document.Priorities[p].Key] = _priorities[p].Line;
        return lines;
    }

    void StartGoal(int number, int line)
    {
        var goals = _priority!.Goals;
        if (goals.Count > 0 && number <= goals[^1].Number)
            Warn(line, $"strategic goal {number} follows goal {goals[^1].Number}; kept as written, keyed by position");
        _goal = new GoalDraft(number, line);
        goals.Add(_goal);
        _task = null;
        _entry = null;
        _skip = Skip.Nothing;
    }

    bool StartTask(string numberCell, string text, int line)
    {
        if (_goal is null)
        {
            Error(line, "a task row before any strategic goal of the table");
            return false;
        }
        int number;
        var numbered = ReportPatterns.NumberedTask().Match(text);
        var plain = ReportPatterns.Number().Match(numberCell);
        if (numbered.Success)
        {
            // Green city numbers tasks "goal.task." in the text and puts the goal number in the first column.
            number = int.Parse(numbered.Groups["task"].Value, CultureInfo.InvariantCulture);
            text = numbered.Groups["text"].Value;
            var goal = int.Parse(numbered.Groups["goal"].Value, CultureInfo.InvariantCulture);
            if (goal != _goal.Number)
                Warn(line, $"task {goal}.{number} is numbered for goal {goal} inside goal {_goal.Number}");
        }
        else if (plain.Success)
        {
            number = int.Parse(plain.Groups["number"].Value, CultureInfo.InvariantCulture);
        }
        else if (numberCell.Length == 0)
        {
            number = (_goal.Tasks.Count == 0 ? 0 : _goal.Tasks[^1].Number) + 1;
            Warn(line, $"a task without its number; read as task {number}");
        }
        else
        {
            Error(line, $"the number column holds \"{numberCell}\", not a task number");
            return false;
        }
        if (text.Length == 0)
        {
            Error(line, $"task {number} has a number but no description (truncated row?)");
            return false;
        }
        _task = new TaskDraft(number, text);
        _goal.Tasks.Add(_task);
        _entry = null;
        return true;
    }

    void AddEntry(string project, string departmentCell, string status, int line)
    {
        var refs = new List<DepartmentRef>();
        foreach (var spelling in DepartmentNames.Split(departmentCell))
        {
            var department = departments.Resolve(spelling);
            if (!departments.IsKnown(spelling))
                Warn(line, $"unknown department \"{spelling}\"; kept with id \"{department.Id}\"");
            refs.Add(department);
        }
        _entry = new EntryDraft(project, refs, line);
        _entry.AddStatus(status);
        _task!.Entries.Add(_entry);
    }

    bool RequireTable(int line)
    {
        if (_priority is null)
        {
            // One error is enough: a file without titles would otherwise report every line.
            if (!_rowsBeforeTitleReported)
                Error(line, "a row before any table title (\"Інформація про виконання … пріоритету \"…\"\")");
            _rowsBeforeTitleReported = true;
            return false;
        }
        if (_headerSeen)
            return true;
        if (!_headerMissingReported)
            Error(line, $"the table \"{_priority.Title}\" (line {_priority.Line}) has no header row before its rows");
        _headerMissingReported = true;
        return false;
    }

    void CloseTable()
    {
        if (_priority is null)
            return;
        if (!_headerSeen && !_headerMissingReported)
            Error(_priority.Line, $"the table \"{_priority.Title}\" has no header row");
        else if (_headerSeen && _priority.Goals.Count == 0)
            Error(_priority.Line, $"the table \"{_priority.Title}\" has no strategic goals (truncated file?)");
        foreach (var goal in _priority.Goals.Where(g => g.Tasks.Count == 0))
            Warn(goal.Line, $"strategic goal {goal.Number} has no tasks");
    }

    void CheckYear(int year, int line)
    {
        if (_year is null)
        {
            _year = year;
            _yearLine = line;
        }
        else if (_year != year)
        {
            Error(line, $"the report year {year} differs from {_year} stated at line {_yearLine}");
        }
    }

    void Error(int line, string reason) => errors.Add(new ParseError(file, line, reason));

    void Warn(int line, string reason) => warnings.Add(new ParseWarning(file, line, reason));
}
