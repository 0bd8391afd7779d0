using System.Security.Cryptography;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Departments;
using CityActors.Grains.Imports;
using CityActors.Grains.Projects;
using CityActors.Grains.Tests.Concept.Parsing;

namespace CityActors.Grains.Tests.Imports;

/// <summary>The shipped 2025 report imported once into a silo on SQLite.</summary>
public sealed class ImportedReport : IAsyncLifetime
{
    internal ImportSilo Silo { get; private set; } = null!;

    public ImportResult Result { get; private set; } = null!;

    public ConceptTree Tree { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await ImportSilo.StartAsync();
        Result = await Silo.Importer.ImportConceptAsync(ImportSilo.Request(SeedFile.ConceptReport2025, SeedFile.ConceptReportBytes));
        Tree = await Silo.Concept.GetTreeAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>The real report in the grains: counts per priority and rows checked against the file by reading it.</summary>
public sealed class ConceptImportRealReportTests(ImportedReport imported) : IClassFixture<ImportedReport>
{
    IGrainFactory Grains => imported.Silo.Grains;

    IEnumerable<ConceptTreeProject> Projects => imported.Tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects);

    [Fact]
    public void ShippedReport_IsTheCitysFileByteForByte()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(SeedFile.ConceptReportBytes));

        Assert.Equal(SeedFile.ConceptReport2025Sha256, sha);
    }

    [Fact]
    public void ImportConceptAsync_RealReport_CreatesEveryDepartmentProjectAndReport()
    {
        var result = imported.Result;

        Assert.Empty(result.Errors);
        Assert.True(result.Applied);
        Assert.False(result.DryRun);
        // 22 bodies named in the report (DepartmentNames test); 181 named projects + 32 task reports; every row reports something.
        Assert.Equal(new ImportCounts("department", 22, 0, 0, 0), result.Counts.Single(c => c.Entity == "department"));
        Assert.Equal(new ImportCounts("project", 213, 0, 0, 0), result.Counts.Single(c => c.Entity == "project"));
        Assert.Equal(new ImportCounts("report", 213, 0, 0, 0), result.Counts.Single(c => c.Entity == "report"));
        Assert.Equal(22 + 213 + 213, result.Changes.Count);
        Assert.All(result.Changes, c => Assert.Equal(ImportChangeKind.Created, c.Kind));
    }

    [Fact]
    public void ImportConceptAsync_RealReport_WarnsAboutTheRepeatedPriorityTitleAtItsLine()
    {
        // Line 206: "Інформація про виконання завдань та реалізацію проєктів пріоритету "Інноваційне місто"", the fourth table's title.
        var warning = Assert.Single(imported.Result.Warnings, w => w.Reason.Contains("table 4 repeats the title \"Інноваційне місто\"", StringComparison.Ordinal));

        Assert.Contains("\"Активне місто\"", warning.Reason, StringComparison.Ordinal);
        Assert.Equal((SeedFile.ConceptReport2025, 206), (warning.File, warning.Line));
    }

    [Theory]
    [MemberData(nameof(RealDocumentStructureTests.HandCounts), MemberType = typeof(RealDocumentStructureTests))]
    public async Task GetTreeAsync_AfterImport_HasEveryGoalTaskAndProjectOfEachPriority(
        int priorityNumber, string title, int[] tasksPerGoal, int namedProjects, int taskReports)
    {
        var priority = imported.Tree.Priorities[priorityNumber - 1];
        var rows = priority.Goals.SelectMany(g => g.Tasks).SelectMany(t => t.Projects).ToList();

        var registered = await Task.WhenAll(rows.Select(r => Grains.GetGrain<IProjectGrain>(r.GrainKey).GetAsync()));

        // The fourth table repeats "Інноваційне місто" in the file; it is Active city's.
        Assert.Equal(priorityNumber == 4 ? "Активне місто" : title, priority.Title);
        Assert.Equal(tasksPerGoal, priority.Goals.Select(g => g.Tasks.Count));
        Assert.Equal(namedProjects, rows.Count(r => !r.IsTaskReport));
        Assert.Equal(taskReports, rows.Count(r => r.IsTaskReport));
        Assert.All(registered, p => Assert.Equal(priority.Title, p.Registration!.Priority));
        Assert.All(registered, p => Assert.Equal(2025, Assert.Single(p.Reports).Report.Year));
    }

    [Fact]
    public void GetTreeAsync_AfterImport_GivesEveryRowItsOwnGrain()
    {
        var keys = Projects.Select(p => p.GrainKey).ToList();

        Assert.Equal(213, keys.Count);
        Assert.Equal(213, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([2025], imported.Tree.Years);
    }

    [Fact]
    public async Task ImportedReport_EveryRowOfTheDocumentArrivesWordForWord()
    {
        var document = new ConceptDocumentParser().ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025);
        var rows = document.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).SelectMany(t => t.Projects.Select(pr => (Task: t, Row: pr))).ToList();
        var keys = Projects.ToDictionary(p => p.Position, p => p.GrainKey, StringComparer.Ordinal);

        var stored = await Task.WhenAll(rows.Select(r => Grains.GetGrain<IProjectGrain>(keys[r.Row.Key]).GetAsync()));

        Assert.Equal(213, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (task, row) = rows[i];
            var project = stored[i];
            Assert.Equal(row.Name.Length > 0 ? row.Name : task.Description, project.Registration!.Name);
            Assert.Equal(row.Departments.Select(d => d.Id).Distinct(), project.Registration.Departments);
            Assert.Equal(row.Departments.Select(d => d.RawSpelling), project.Registration.DepartmentSpellings!);
            Assert.Equal(row.StatusText, Assert.Single(project.Reports).Report.StatusText);
        }
    }

    [Fact]
    public async Task ImportedProject_Line9_HasItsPlacePeriodDepartmentAndReportWordForWord()
    {
        // Line 9: 1 <TAB> Створити інформаційну платформу … <TAB> Бізнес-платформа 2019-2030 роки <TAB> Департамент економічного розвитку міської ради <TAB> Забезпечено наповнення …
        var project = await Grains.GetGrain<IProjectGrain>("p1.g1.t1.biznes-platforma").GetAsync();

        Assert.Equal(new ProjectRegistration(
            "Ефективне місто",
            "Формування сприятливого інвестиційного клімату",
            "1. Створити інформаційну платформу інвестиційного і кадрового потенціалу міста",
            "Бізнес-платформа 2019-2030 роки",
            2019,
            2030,
            [],
            null), project.Registration! with { Departments = [], DepartmentSpellings = null });
        Assert.Equal(["economy"], project.Registration!.Departments);
        Assert.Equal(["Департамент економічного розвитку міської ради"], project.Registration.DepartmentSpellings!);
        var report = Assert.Single(project.Reports).Report;
        Assert.Equal("Забезпечено наповнення та актуалізацію інвестиційних пропозицій громади (вільні земельні ділянки, оренда/продаж нерухомого майна комунальної та приватної власності, інвестиційні проєкти) на Інвестиційному порталі Житомира. У розділі \"Добре\" оприлюднювалась інформація про місцевих виробників.", report.StatusText);
        Assert.Equal(ProjectStatusClass.Implemented, report.StatusClass);
        Assert.Equal("планувальник Коваленко", project.Reports[0].SubmittedBy);
    }

    [Fact]
    public async Task ImportedProject_Line17_SuspendedUnderMartialLaw()
    {
        var node = Projects.Single(p => p.Name == "Кредитування бізнесу 2019-2030");

        var project = await Grains.GetGrain<IProjectGrain>(node.GrainKey).GetAsync();

        Assert.EndsWith(".kredytuvannia-biznesu", node.GrainKey, StringComparison.Ordinal);
        Assert.StartsWith("p1.", node.GrainKey, StringComparison.Ordinal);
        Assert.Equal("Надання фінансово-кредитної підтримки суб'єктам малого і середнього підприємництва шляхом відшкодування сплачених відсотків за короткостроковими та середньостроковими кредитами, що залучені у банківських установах, призупинено у зв'язку із введенням воєнного стану в Україні", project.Reports[0].Report.StatusText);
        Assert.Equal(ProjectStatusClass.Suspended, project.Reports[0].Report.StatusClass);
        Assert.Equal(StatusClass.SuspendedMartialLaw, Assert.Single(node.Years).StatusClass);
        Assert.Equal((2019, 2030), (project.Registration!.StartYear!.Value, project.Registration.EndYear!.Value));
    }

    [Fact]
    public async Task ImportedProject_Line119_NormalisesAnOldDepartmentNameAndKeepsItsSpelling()
    {
        // Line 119: "Департамент містобудування та архітектури міської ради, управління житлового господарства міської ради".
        var project = await Grains.GetGrain<IProjectGrain>("p3.g1.t2.revitalizatsiia-bahatopoverkhivok").GetAsync();
        var planning = await Grains.GetGrain<IDepartmentGrain>("urban-planning").GetAsync();

        Assert.Equal("Комфортне місто", project.Registration!.Priority);
        Assert.Equal("Розвиток житлового фонду на основі сучасних планувальних, технологічних та управлінських рішень", project.Registration.StrategicGoal);
        Assert.Equal("2. Формувати відповідальність власників житла через співфінансування реновації житлового фонду", project.Registration.Task);
        Assert.Equal("Ревіталізація багатоповерхівок 2020-2030 роки", project.Registration.Name);
        Assert.Equal(["urban-planning", "housing"], project.Registration.Departments);
        Assert.Equal(["Департамент містобудування та архітектури міської ради", "управління житлового господарства міської ради"], project.Registration.DepartmentSpellings!);
        Assert.StartsWith("Для 11 ОСББ, що беруть участь у Програмі підтримки енергомодернізації", project.Reports[0].Report.StatusText, StringComparison.Ordinal);
        Assert.EndsWith("на обстеження технічного стану конструкцій 5 житлових будинків у сумі 65,8 тис. грн.", project.Reports[0].Report.StatusText, StringComparison.Ordinal);
        Assert.Equal("Департамент містобудування та земельних відносин міської ради", planning.Registration!.Name);
        Assert.Contains("p3.g1.t2.revitalizatsiia-bahatopoverkhivok", planning.Projects);
    }

    [Fact]
    public async Task ImportedProject_Line223_WithoutADepartmentIsStillImported()
    {
        // Line 223: "Громадський простір у мікрорайоні (2023-2030)" with an empty department cell, in the Active city table.
        var node = Projects.Single(p => p.Name == "Громадський простір у мікрорайоні (2023-2030)");

        var project = await Grains.GetGrain<IProjectGrain>(node.GrainKey).GetAsync();

        Assert.StartsWith("p4.", node.GrainKey, StringComparison.Ordinal);
        Assert.Equal("2023-2030", node.Period);
        Assert.Empty(node.Departments);
        Assert.Empty(project.Registration!.Departments);
        Assert.Equal("Активне місто", project.Registration.Priority);
        Assert.Equal(3, project.Reports[0].Report.StatusText.Split('\n').Length);
        Assert.StartsWith("У межах ініціативи Міністерства сім'ї, молоді та спорту України", project.Reports[0].Report.StatusText, StringComparison.Ordinal);
        Assert.EndsWith("організовано концертну програму «Музика просто неба».", project.Reports[0].Report.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportedDepartment_KnowsItsProjectsAndTheirReports()
    {
        var economy = Projects.Where(p => p.Departments.Any(d => d.Id == "economy")).ToList();

        var department = await Grains.GetGrain<IDepartmentGrain>("economy").GetAsync();
        var record = await Grains.GetGrain<IDepartmentGrain>("economy").GetReportingRecordAsync(2025);

        Assert.Equal(economy.Select(p => p.GrainKey).Order(StringComparer.Ordinal), department.Projects);
        Assert.True(record.ReportsDue > 10, $"{record.ReportsDue} reports due");
        // Loaded by the import, the reports are on time whenever the import ran (this one after 1 February 2026).
        Assert.Equal((record.ReportsDue, 0, 0), (record.ReportsOnTime, record.ReportsLate, record.ReportsMissing));
    }

    [Fact]
    public async Task ImportedTaskReport_IsAProjectNamedByItsTask()
    {
        var task = imported.Tree.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).First(t => t.Projects.Any(p => p.IsTaskReport));
        var node = task.Projects.First(p => p.IsTaskReport);

        var project = await Grains.GetGrain<IProjectGrain>(node.GrainKey).GetAsync();

        Assert.Equal($"{task.Key}.report", node.GrainKey);
        Assert.Equal(task.Description, project.Registration!.Name);
        Assert.Equal($"{task.Number}. {task.Description}", project.Registration.Task);
    }

    [Fact]
    public async Task ImportedReport_EveryEventComesFromTheImport()
    {
        var attachments = Projects.Sum(p => p.Departments.Select(d => d.Id).Distinct().Count());

        var events = await imported.Silo.ChangesAsync();

        // Departments, projects, reports, and what the departments recorded of them: all with the import's source, id and author.
        Assert.All(events, e => Assert.Equal("urn:zhytomyr:import:concept", e.Source));
        Assert.All(events, e => Assert.Equal("планувальник Коваленко", e.By));
        var run = events[0].Id.Split(':')[0];
        Assert.StartsWith(SeedFile.ConceptReport2025Sha256[..16] + "@", run, StringComparison.Ordinal);
        Assert.All(events, e => Assert.StartsWith(run + ":", e.Id, StringComparison.Ordinal));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(22, events.Count(e => e.Type == "DepartmentRegistered"));
        Assert.Equal(213, events.Count(e => e.Type == "ProjectRegistered"));
        Assert.Equal(213, events.Count(e => e.Type == "ProjectReportSubmitted"));
        Assert.Equal(attachments, events.Count(e => e.Type == "ProjectAttached"));
        Assert.Equal(attachments, events.Count(e => e.Type == "ProjectReportRecorded"));
        Assert.Equal(22 + 213 + 213 + 2 * attachments, events.Count);
    }
}
