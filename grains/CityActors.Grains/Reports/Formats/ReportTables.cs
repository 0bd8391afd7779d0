using System.Globalization;
using CityActors.Grains.Concept;

namespace CityActors.Grains.Reports.Formats;

/// <summary>One table of the report as every format sees it: Ukrainian text for people, plain values for data.</summary>
/// <param name="Name">The data set's name and CSV file name: <c>operations</c>.</param>
/// <param name="LastRowIsTotal">The last row is the computed total ("Разом").</param>
public sealed record ReportTable(string Name, string Title, string Description, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportCell[]> Rows, bool LastRowIsTotal);

/// <param name="Type">The Table Schema type of <see cref="ReportCell.Data"/>: <c>string</c>, <c>integer</c>, <c>number</c>, <c>date</c>.</param>
public sealed record ReportColumn(string Name, string Title, string Type, string Description);

/// <param name="Text">As printed: <c>1 234,5 год</c>.</param>
/// <param name="Data">As data: <c>1234.5</c>; empty when there is no value.</param>
public readonly record struct ReportCell(string Text, string Data);

/// <summary>The tables of parts two and three, the summary of part one, and part one flattened for open data.</summary>
public static class ReportTables
{
    static readonly HashSet<string> s_shelterKinds = new(StringComparer.Ordinal) { "shelter", "modular-shelter", "invincibility-point" };

    static readonly (StatusClass Class, string Title, string Name)[] s_classes =
    [
        (StatusClass.Implemented, "Виконано", "implemented"),
        (StatusClass.InProgress, "Триває", "in_progress"),
        (StatusClass.NotImplemented, "Не реалізовано", "not_implemented"),
        (StatusClass.SuspendedMartialLaw, "Призупинено (воєнний стан)", "suspended"),
        (StatusClass.NoLongerNeeded, "Втратило актуальність", "no_longer_needed"),
        (StatusClass.NoInformation, "Немає інформації", "no_information"),
    ];

    /// <summary>The open-data tables: part one row by row (with its money), then every summary table.</summary>
    public static IReadOnlyList<ReportTable> All(AnnualReport report) => [ConceptRows(report), .. PartOne(report), .. PartTwo(report), .. PartThree(report)];

    /// <summary>The tables printed after part one's priority tables: the summary by status and the money by priority.</summary>
    public static IReadOnlyList<ReportTable> PartOne(AnnualReport report) => [ConceptSummary(report), ConceptMoney(report)];

    public static IReadOnlyList<ReportTable> PartTwo(AnnualReport report) =>
        [Operations(report), OperationsByDistrict(report), OperationsByDepartment(report), Shelters(report)];

    public static IReadOnlyList<ReportTable> PartThree(AnnualReport report) => [Departments(report)];

    public static ReportTable ConceptRows(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var money = report.Money.Rows.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var rows = new List<ReportCell[]>();
        foreach (var priority in report.Concept.Priorities)
        {
            foreach (var goal in priority.Goals)
            {
                foreach (var task in goal.Tasks)
                {
                    foreach (var project in task.Projects)
                    {
                        rows.Add([
                            Int(priority.Number), Text(priority.Title), Int(goal.Number), Text(goal.Title), Int(task.Number), Text(task.Description),
                            Text(project.Name), Text(project.Period ?? ""), Text(string.Join("; ", project.Departments.Select(d => d.Name))),
                            Text(string.Join("; ", project.Departments.Select(d => d.Id))), Text(ClassName(project.StatusClass)), Text(project.StatusText),
                            Money(money.GetValueOrDefault(project.Key)?.Planned), Money(money.GetValueOrDefault(project.Key)?.Spent),
                        ]);
                    }
                }
            }
        }
        return new("concept", $"Виконання завдань та реалізація проєктів Концепції за {Year(report)} рік",
            "Частина перша: кожен рядок — проєкт або звіт завдання, з інформацією про виконання за рік.",
            [
                Column("priority_number", "№ пріоритету", "integer", "Position of the priority table in the report, from 1."),
                Column("priority", "Пріоритет", "string", "The priority's name."),
                Column("goal_number", "№ стратегічної цілі", "integer", "The strategic goal's number as the document prints it."),
                Column("goal", "Стратегічна ціль", "string", "The strategic goal's title."),
                Column("task_number", "№ завдання", "integer", "The task's number within its goal."),
                Column("task", "Опис завдання", "string", "The task as the Concept words it."),
                Column("project", "Проєкт", "string", "The project cell word for word; empty for the task's own report."),
                Column("period", "Період", "string", "The project's years, such as 2019-2030, when given."),
                Column("departments", "Відповідальні виконавчі органи", "string", "Responsible departments' names, separated by '; '."),
                Column("department_ids", "Ідентифікатори виконавчих органів", "string", "Their ids, separated by '; '."),
                Column("status_class", "Стан", "string", "What the year's text amounts to: " + string.Join(", ", s_classes.Select(c => c.Name)) + "."),
                Column("status_text", "Інформація про виконання", "string", "The year's report text; paragraphs separated by line breaks."),
                Column("money_planned_uah", "Заплановано коштів", "number", "Money planned for the year in hryvnias (UAH), as the row's yearly report states it; empty when it states none."),
                Column("money_spent_uah", "Використано коштів", "number", "Money spent in the year in hryvnias (UAH), as the row's yearly report states it; empty when it states none."),
            ], rows, false);
    }

    /// <summary>Money by priority and for the city, summed here from the rows' stated amounts.</summary>
    public static ReportTable ConceptMoney(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var titles = report.Concept.Priorities.ToDictionary(p => p.Key, p => p.Title, StringComparer.Ordinal);
        var rows = report.Money.Priorities.Select(p => MoneyRow(titles.GetValueOrDefault(p.Priority, p.Priority), p.Totals)).ToList();
        rows.Add(MoneyRow("Разом по місту", report.Money.City));
        return new("concept-money", $"Фінансування проєктів за пріоритетами у {Year(report)} році",
            "Кошти, які зазначено в річних звітах проєктів і завдань; рядок без зазначених коштів не враховано. Підсумки обчислено.",
            [
                Column("priority", "Пріоритет", "string", "The priority's name; the last row is the city's total."),
                Column("rows", "Рядків із зазначеними коштами", "integer", "Part one rows whose yearly report states money planned or spent."),
                Column("planned_uah", "Заплановано", "number", "The sum of the money planned those rows state, hryvnias (UAH); empty when none states any."),
                Column("spent_uah", "Використано", "number", "The sum of the money spent those rows state, hryvnias (UAH); empty when none states any."),
            ], rows, true);
    }

    /// <summary>A priority's rows that state money, with their sum; null when none does. Printed after the priority's table.</summary>
    public static ReportTable? PriorityMoney(AnnualReport report, ConceptPriority priority)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(priority);
        var money = report.Money.Rows.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var rows = new List<ReportCell[]>();
        foreach (var (goal, task) in priority.Goals.SelectMany(g => g.Tasks.Select(t => (g, t))))
        {
            foreach (var project in task.Projects)
            {
                if (money.GetValueOrDefault(project.Key) is not { } row)
                    continue;
                rows.Add([Text(string.Create(CultureInfo.InvariantCulture, $"{goal.Number}.{task.Number}")), Text(project.Name.Length > 0 ? project.Name : task.Description), Text(string.Join(", ", project.Departments.Select(d => d.RawSpelling))),
                    Money(row.Planned), Money(row.Spent)]);
            }
        }
        if (rows.Count == 0)
            return null;
        var totals = report.Money.Priorities.FirstOrDefault(p => p.Priority == priority.Key)?.Totals ?? MoneyTotals.Zero;
        rows.Add([Text("Разом"), Text(""), Text(""), .. MoneyRow("", totals)[2..]]);
        return new($"concept-money-{priority.Key}", $"Фінансування проєктів пріоритету \"{priority.Title}\" у {Year(report)} році",
            "Рядки, у звітах яких зазначено кошти; підсумок обчислено.",
            [
                Column("task", "№ цілі і завдання", "string", "The strategic goal's and the task's numbers: 1.3 is task 3 of goal 1."),
                Column("project", "Проєкт", "string", "The project, or the task for its own report."),
                Column("departments", "Відповідальні виконавчі органи", "string", "Responsible departments."),
                Column("planned_uah", "Заплановано", "number", "Money planned for the year, hryvnias (UAH)."),
                Column("spent_uah", "Використано", "number", "Money spent in the year, hryvnias (UAH)."),
            ], rows, true);
    }

    static ReportCell[] MoneyRow(string name, MoneyTotals totals) =>
        [Text(name), Int(totals.Rows), Money(totals.Rows > 0 ? totals.Planned : null), Money(totals.Rows > 0 ? totals.Spent : null)];

    public static ReportTable ConceptSummary(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<ReportCell[]>();
        var totals = new int[s_classes.Length + 2];
        foreach (var priority in report.Concept.Priorities)
        {
            var projects = priority.Goals.SelectMany(g => g.Tasks).SelectMany(t => t.Projects).ToList();
            var values = new[] { priority.Goals.Sum(g => g.Tasks.Count), projects.Count }
                .Concat(s_classes.Select(c => projects.Count(p => p.StatusClass == c.Class))).ToArray();
            for (var i = 0; i < values.Length; i++)
                totals[i] += values[i];
            rows.Add([Text(priority.Title), .. values.Select(v => Int(v))]);
        }
        rows.Add([Text("Разом"), .. totals.Select(v => Int(v))]);
        return new("concept-summary", $"Стан реалізації проєктів за пріоритетами за {Year(report)} рік",
            "Кількість завдань і рядків звіту (проєктів та звітів завдань) кожного пріоритету за станом виконання; підсумки обчислено.",
            [
                Column("priority", "Пріоритет", "string", "The priority's name; the last row is the total."),
                Column("tasks", "Завдань", "integer", "Tasks of the priority."),
                Column("rows", "Проєктів і звітів завдань", "integer", "Report rows: projects and tasks' own reports."),
                .. s_classes.Select(c => Column(c.Name, c.Title, "integer", $"Rows whose status is {c.Name}.")),
            ], rows, true);
    }

    public static ReportTable Operations(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Operations.Select(k => OperationRow(k.Name, k.Kind, k.Year, k.Previous)).ToList();
        var hasPrevious = report.Operations.Any(k => k.Previous is not null);
        var total = AnnualReportBuilder.Sum(report.Operations.Select(k => k.Year));
        var totalBefore = hasPrevious ? AnnualReportBuilder.Sum(report.Operations.Where(k => k.Previous is not null).Select(k => k.Previous!)) : null;
        rows.Add(OperationRow("Разом", "", total, totalBefore));
        return new("operations", $"Робота об'єктів міста за видами за {Year(report)} рік",
            $"Кількість об'єктів на початок і кінець року, доступність, відмови і простої, середній час відновлення, тривоги; зміна проти {report.Year - 1} року, де він є.",
            OperationColumns(report.Year, "kind", "Вид об'єктів", "The facility kind's id (printed as its Ukrainian name); 'Разом' is the total row."), rows, true);
    }

    public static ReportTable OperationsByDistrict(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Districts.Select(d => (ReportCell[])[Text(d.District), .. OperationRow(d.KindName, d.Kind, d.Year, d.Previous)]).ToList();
        var hasPrevious = report.Districts.Any(d => d.Previous is not null);
        var total = AnnualReportBuilder.Sum(report.Districts.Select(d => d.Year));
        var before = hasPrevious ? AnnualReportBuilder.Sum(report.Districts.Where(d => d.Previous is not null).Select(d => d.Previous!)) : null;
        rows.Add([Text("Разом"), .. OperationRow("", "", total, before)]);
        var columns = OperationColumns(report.Year, "kind", "Вид об'єктів", "The facility kind's id (printed as its Ukrainian name).");
        columns.Insert(0, Column("district", "Район", "string", "The city district; 'Разом' is the total row."));
        return new("operations-by-district", $"Робота об'єктів міста за районами і видами за {Year(report)} рік",
            $"Ті самі показники для кожного району міста і виду об'єктів; зміна проти {report.Year - 1} року, де він є.", columns, rows, true);
    }

    public static ReportTable OperationsByDepartment(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var names = report.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var rows = report.Operations.SelectMany(k => k.Departments.Select(d =>
            (ReportCell[])[new(k.Name, k.Kind), .. OperationRow(names.GetValueOrDefault(d.Department, d.Department), d.Department, d.Figures, null).Take(OperationColumnsWithoutChange)])).ToList();
        var columns = OperationColumns(report.Year, "department", "Виконавчий орган", "The owning department's id (printed as its name).").Take(OperationColumnsWithoutChange).ToList();
        columns.Insert(0, Column("kind", "Вид об'єктів", "string", "The facility kind's id (printed as its Ukrainian name)."));
        return new("operations-by-department", $"Робота об'єктів за видами і виконавчими органами за {Year(report)} рік",
            "Ті самі показники для кожного виконавчого органу, якому належать об'єкти виду.", columns, rows, false);
    }

    public static ReportTable Shelters(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shelters = report.Operations.Where(k => s_shelterKinds.Contains(k.Kind)).ToList();
        var rows = shelters.Select(k => ShelterRow(k.Name, k.Year, k.Previous)).ToList();
        var total = AnnualReportBuilder.Sum(shelters.Select(k => k.Year));
        var before = shelters.Any(k => k.Previous is not null) ? AnnualReportBuilder.Sum(shelters.Where(k => k.Previous is not null).Select(k => k.Previous!)) : null;
        rows.Add(ShelterRow("Разом", total, before));
        return new("shelters", $"Готовність укриттів і пунктів незламності за {Year(report)} рік",
            "Готовність — частка часу, коли об'єкт був готовий приймати людей; зміна проти попереднього року, де він є.",
            [
                Column("kind", "Вид", "string", "Shelter kind's Ukrainian name; the last row is the total."),
                Column("at_end", "На кінець року", "integer", "Facilities registered at the end of the year."),
                Column("readiness_percent", "Готовність, % часу", "number", "Time ready ÷ time registered, percent."),
                Column("readiness_change_points", $"Зміна готовності проти {report.Year - 1}", "number", "Percentage points against the previous year."),
                Column("outages", "Випадків неготовності", "integer", "Times a facility stopped being ready."),
                Column("downtime_hours", "Неготовність, год", "number", "Facility hours not ready."),
            ], rows, true);
    }

    public static ReportTable Departments(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Departments.Select(d => (ReportCell[])
        [
            Text(d.Name), Text(d.Id), Int(d.Projects), Int(d.Facilities), Int(d.UpdatesSent), Int(d.ReportsDue), Int(d.ReportsOnTime),
            Int(d.ReportsLate), Int(d.ReportsMissing), new(UkrainianFormat.Date(d.Deadline.AddTicks(-1)), KyivCalendar.LocalTime(d.Deadline.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]).ToList();
        int Sum(Func<DepartmentReporting, int> pick) => report.Departments.Sum(pick);
        rows.Add([Text("Разом"), Text(""), Int(Sum(d => d.Projects)), Int(Sum(d => d.Facilities)), Int(Sum(d => d.UpdatesSent)), Int(Sum(d => d.ReportsDue)),
            Int(Sum(d => d.ReportsOnTime)), Int(Sum(d => d.ReportsLate)), Int(Sum(d => d.ReportsMissing)), new("", "")]);
        return new("departments", $"Звітність виконавчих органів за {Year(report)} рік",
            "Для кожного виконавчого органу: рядки частини першої, за які він відповідає, його об'єкти, надіслані зміни і річні звіти проєктів — вчасно, із запізненням, відсутні.",
            [
                Column("department", "Виконавчий орган", "string", "The department's name; the last row is the total."),
                Column("department_id", "Ідентифікатор", "string", "The department's id."),
                Column("projects", "Рядків частини першої", "integer", "Part one rows it answers for."),
                Column("facilities", "Об'єктів на кінець року", "integer", "Facilities it owned at the end of the year."),
                Column("updates_sent", "Надіслано змін", "integer", "Recorded changes it sent: facility status changes and project reports."),
                Column("reports_due", "Звітів проєктів належало", "integer", "Yearly project reports due for the year."),
                Column("reports_on_time", "Вчасно", "integer", "Reports submitted by the deadline."),
                Column("reports_late", "Із запізненням", "integer", "Reports submitted after the deadline."),
                Column("reports_missing", "Відсутні", "integer", "Reports not submitted once the deadline passed."),
                Column("deadline", "Строк подання", "date", "The last day reports were due (Europe/Kyiv)."),
            ], rows, true);
    }

    /// <summary>The name column and the year's figures, without the three comparisons.</summary>
    const int OperationColumnsWithoutChange = 12;

    static List<ReportColumn> OperationColumns(int year, string firstName, string firstTitle, string firstDescription) =>
    [
        Column(firstName, firstTitle, "string", firstDescription),
        Column("at_start", "На початок року", "integer", "Facilities registered at the start of the year."),
        Column("at_end", "На кінець року", "integer", "Facilities registered at the end of the year (at the report's moment for a running year)."),
        Column("availability_percent", "Доступність, %", "number", "Facility time available ÷ facility time registered, percent."),
        Column("outages", "Відмов", "integer", "Outages (available → not available) that began in the year."),
        Column("downtime_hours", "Простій, год", "number", "Facility hours not available within the year."),
        Column("restored", "Відновлено", "integer", "Outages that ended in the year."),
        Column("mean_time_to_restore_hours", "Середній час відновлення, год", "number", "Mean length of the outages that ended in the year, hours."),
        Column("alarms", "Тривог", "integer", "Alarms raised in the year."),
        Column("critical_alarms", "З них критичних", "integer", "Critical alarms raised in the year."),
        Column("status_changes", "Змін стану", "integer", "Recorded status changes (heartbeats not counted)."),
        Column("registered_hours", "Час обліку, год", "number", "Facility hours registered within the year: the base of availability."),
        Column("facilities_change", $"Зміна кількості проти {year - 1}", "integer", "End-of-year count minus the previous year's."),
        Column("availability_change_points", $"Зміна доступності проти {year - 1}, в. п.", "number", "Availability minus the previous year's, percentage points."),
        Column("outages_change", $"Зміна кількості відмов проти {year - 1}", "integer", "Outages minus the previous year's."),
    ];

    static ReportCell[] OperationRow(string name, string id, OperationFigures f, OperationFigures? before) =>
    [
        new(name, id.Length > 0 ? id : name),
        Int(f.AtStart), Int(f.AtEnd), Percent(f.AvailabilityPercent), Int(f.Outages), Hours(f.Downtime), Int(f.Restored), Hours(f.MeanTimeToRestore),
        Int(f.Alarms), Int(f.CriticalAlarms), Quantity(f.StatusChanges), Hours(f.Registered),
        before is null ? Empty() : new(UkrainianFormat.Change(f.AtEnd - before.AtEnd), Invariant(f.AtEnd - before.AtEnd)),
        before is null ? Empty() : Points(f.AvailabilityPercent, before.AvailabilityPercent),
        before is null ? Empty() : new(UkrainianFormat.Change(f.Outages - before.Outages), Invariant(f.Outages - before.Outages)),
    ];

    static ReportCell[] ShelterRow(string name, OperationFigures f, OperationFigures? before) =>
    [
        Text(name), Int(f.AtEnd), Percent(f.AvailabilityPercent), before is null ? Empty() : Points(f.AvailabilityPercent, before.AvailabilityPercent),
        Int(f.Outages), Hours(f.Downtime),
    ];

    public static string ClassName(StatusClass statusClass) => s_classes.Single(c => c.Class == statusClass).Name;

    public static string ClassTitle(StatusClass statusClass) => s_classes.Single(c => c.Class == statusClass).Title;

    static string Year(AnnualReport report) => report.Year.ToString(CultureInfo.InvariantCulture);

    static ReportColumn Column(string name, string title, string type, string description) => new(name, title, type, description);

    static ReportCell Text(string text) => new(text, text);

    static ReportCell Int(long value) => new(UkrainianFormat.Integer(value), Invariant(value));

    static ReportCell Quantity(long value) => new(UkrainianFormat.Quantity(value), Invariant(value));

    static ReportCell Empty() => new(UkrainianFormat.Missing, "");

    /// <summary>Printed the city's way (<c>2,40 млн грн</c>), as data in whole hryvnias and kopiykas (<c>2400000.5</c>).</summary>
    static ReportCell Money(decimal? uah) => uah is { } v ? new(UkrainianFormat.Money(v), v.ToString("0.############################", CultureInfo.InvariantCulture)) : Empty();

    static ReportCell Percent(double? value) => value is { } v ? new(UkrainianFormat.Percent(v), Invariant(Math.Round(v, 4))) : Empty();

    static ReportCell Points(double? now, double? before) => now is { } a && before is { } b
        ? new(UkrainianFormat.PointsChange(a, b), Invariant(Math.Round(a - b, 4)))
        : Empty();

    static ReportCell Hours(TimeSpan? span) => span is { } s ? new(UkrainianFormat.Hours(s), Invariant(Math.Round(s.TotalHours, 3))) : Empty();

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
