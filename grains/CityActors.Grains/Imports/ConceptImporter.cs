using System.Globalization;
using System.Security.Cryptography;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Departments;
using CityActors.Grains.Projects;

namespace CityActors.Grains.Imports;

/// <summary>Applies a Concept report to the department and project grains, recording only what differs.</summary>
/// <remarks>
/// Everything is read and compared before anything is written, so an error in the file (or a row a grain would reject)
/// stops the import before its first write unless the request is partial. Each change is an event whose source is
/// <c>urn:{city}:import:concept</c> and whose id names the file's hash, so a retried import is recognised. A write a grain
/// refuses stops a whole import before its next batch of writes; there is no transaction across grains, so what was
/// written stays, the import is reported not applied, and importing the same file again writes only what is missing.
/// </remarks>
sealed class ConceptImporter(IGrainFactory grains, string city, TimeProvider time)
{
    // Calls in flight at once: each new activation reads its journal on its own database connection, and PostgreSQL
    // servers commonly allow 100 connections in all, shared with everything else.
    const int Parallel = 16;

    // Writes go to grains the comparison activated, so they read nothing; more in flight share each group commit.
    const int WriteParallel = 256;

    /// <summary>The source of every change a Concept import makes in <paramref name="city"/>.</summary>
    public static string Source(string city) => $"urn:{city}:import:concept";

    public async Task<ImportResult> ImportAsync(ImportRequest request)
    {
        var tally = new ImportTally(request.FileName);
        tally.Expect("department", "project", "report");
        var parsed = new ConceptDocumentParser(new ConceptParseOptions { AllowPartial = request.Partial })
            .Parse(new MemoryStream(request.Content, writable: false), request.FileName);
        tally.Errors.AddRange(parsed.Errors.Select(e => new ImportError(e.File, e.Line, e.Reason)));
        tally.Warnings.AddRange(parsed.Warnings.Select(w => new ImportError(w.File, w.Line, w.Reason)));
        if (parsed.Document is not { } document || (tally.Errors.Count > 0 && !request.Partial))
            return tally.ToResult(applied: false, request.DryRun);

        var concept = grains.GetGrain<IConceptGrain>(city);
        var plan = ConceptPlan.From(document, parsed, city, request.FileName, await concept.GetStatusOverridesAsync(), tally.Warnings);
        var projects = Validated(plan.Projects, tally);
        if (tally.Errors.Count > 0 && !request.Partial)
            return tally.ToResult(applied: false, request.DryRun);

        var departmentWork = await DiffDepartmentsAsync(plan.Departments, tally);
        var projectWork = await DiffProjectsAsync(projects, plan.Year, tally);
        // A row missing from a file read with errors may be a row that could not be read: it is not withdrawn, and stays in the edition.
        var complete = tally.Errors.Count == 0;
        var previous = await concept.GetEditionAsync(plan.Year);
        var withdrawals = complete ? await DiffWithdrawalsAsync(previous, plan.Projects, plan.Year, tally) : [];
        IReadOnlyList<string> edition = complete ? [.. plan.Projects.Select(p => p.GrainKey)] : [.. previous.Union(plan.Projects.Select(p => p.GrainKey), StringComparer.Ordinal)];
        if (request.DryRun)
            return tally.ToResult(applied: false, dryRun: true);

        var sha = Convert.ToHexStringLower(SHA256.HashData(request.Content));
        var now = time.GetUtcNow();
        // The id names the file and this run: importing file A, then B, then A again is three changes, not a repeat of the first.
        var context = new ChangeContext(Source(city), $"{sha[..16]}@{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}", string.IsNullOrWhiteSpace(request.By) ? null : request.By,
            $"{request.FileName}: Concept report for {plan.Year.ToString(CultureInfo.InvariantCulture)}", now);
        var writes = new ImportWrites(tally, request.Partial);
        await Task.WhenAll(departmentWork.Select(d => writes.RunAsync("department", d.Id, d.Line,
            () => grains.GetGrain<IDepartmentGrain>(d.Id).RegisterAsync(d.Registration, context with { Id = $"{context.Id}:department:{d.Id}" }))));
        if (!writes.Stopped)
            await TellDepartmentsAsync(projectWork, plan, context, writes);
        foreach (var chunk in projectWork.Chunk(WriteParallel))
        {
            if (writes.Stopped)
                break;
            await Task.WhenAll(chunk.Select(work => ApplyAsync(work, context, writes)));
        }
        foreach (var key in withdrawals)
        {
            if (writes.Stopped)
                break;
            await writes.RunAsync("report", key, null, () => grains.GetGrain<IProjectGrain>(key).WithdrawReportAsync(plan.Year,
                context with { Id = $"{context.Id}:{key}:withdrawn", Reason = $"{request.FileName}: the {plan.Year.ToString(CultureInfo.InvariantCulture)} report no longer has this project's row" }));
        }
        if (writes.Stopped)
            return tally.ToResult(applied: false, dryRun: false, interrupted: true);

        await concept.RecordImportAsync(plan.Tree, new ConceptImportRecord(request.FileName, sha, plan.Year, time.GetUtcNow(), request.By, tally.ChangeCount), edition);
        return tally.ToResult(applied: true, dryRun: false);
    }

    /// <summary>Tells each department its projects and their reports in one write, before the projects are written.</summary>
    /// <remarks>
    /// A project tells its departments itself, one call and one durable write each, and a department takes one call at a
    /// time: a department with forty projects would make the import wait for eighty writes in a row. Told first, the
    /// department finds nothing new in the projects' own calls. The reports are recorded as submitted at the time the
    /// import stamps on them (<see cref="ChangeContext.ObservedAt"/>), so both sides hold the same time; coming from the
    /// import's source, they count as on time in the departments' reporting records.
    /// </remarks>
    async Task TellDepartmentsAsync(List<ProjectWork> work, ConceptPlan plan, ChangeContext context, ImportWrites writes)
    {
        var lines = plan.Departments.ToDictionary(d => d.Id, d => d.Line, StringComparer.Ordinal);
        var attachments = work.Where(w => w.Register)
            .SelectMany(w => w.Project.Registration.Departments.Select(d => (Department: d, Attachment: new ProjectAttachment(w.Project.GrainKey, w.Project.Registration.StartYear, w.Project.Registration.EndYear))))
            .GroupBy(p => p.Department, p => p.Attachment, StringComparer.Ordinal);
        await Task.WhenAll(attachments.Select(g => writes.RunAsync("department", g.Key, lines.GetValueOrDefault(g.Key),
            () => grains.GetGrain<IDepartmentGrain>(g.Key).AttachProjectsAsync([.. g], context with { Id = $"{context.Id}:projects" }))));
        if (writes.Stopped)
            return;
        var submittedAt = context.ObservedAt!.Value;
        var arrivals = work.Where(w => w.Report is not null)
            .SelectMany(w => w.Project.Registration.Departments.Select(d => (Department: d, Arrival: new ProjectReportArrival(w.Project.GrainKey, plan.Year, submittedAt))))
            .GroupBy(p => p.Department, p => p.Arrival, StringComparer.Ordinal);
        await Task.WhenAll(arrivals.Select(g => writes.RunAsync("department", g.Key, lines.GetValueOrDefault(g.Key),
            () => grains.GetGrain<IDepartmentGrain>(g.Key).RecordProjectReportsAsync([.. g], context with { Id = $"{context.Id}:reports" }))));
    }

    /// <summary>The rows a project grain would accept; the others are failures with their reason.</summary>
    static List<PlannedProject> Validated(IReadOnlyList<PlannedProject> planned, ImportTally tally)
    {
        var valid = new List<PlannedProject>(planned.Count);
        foreach (var project in planned)
        {
            try
            {
                ProjectValidation.Validate(project.Registration);
                if (project.Report is not null)
                    ProjectValidation.Validate(project.Report);
                valid.Add(project);
            }
            catch (ValidationException e)
            {
                tally.Failed("project", project.Line ?? 0, $"{project.Position} \"{project.Label}\": {e.Message}");
            }
        }
        return valid;
    }

    async Task<List<PlannedDepartment>> DiffDepartmentsAsync(IReadOnlyList<PlannedDepartment> planned, ImportTally tally)
    {
        var snapshots = await Task.WhenAll(planned.Select(d => grains.GetGrain<IDepartmentGrain>(d.Id).GetAsync()));
        var work = new List<PlannedDepartment>();
        for (var i = 0; i < planned.Count; i++)
        {
            var (id, wanted, line) = planned[i];
            var current = snapshots[i].Registration;
            if (current is null)
            {
                tally.Created("department", id, line, [new("name", null, wanted.Name), new("nameEn", null, wanted.NameEn)]);
                work.Add(planned[i]);
            }
            else if (current.Name != wanted.Name)
            {
                // A department registered elsewhere keeps its English name.
                tally.Changed("department", id, line, [new("name", current.Name, wanted.Name)]);
                work.Add(planned[i] with { Registration = wanted with { NameEn = current.NameEn.Length > 0 ? current.NameEn : wanted.NameEn } });
            }
            else
            {
                tally.Unchanged("department");
            }
        }
        return work;
    }

    async Task<List<ProjectWork>> DiffProjectsAsync(IReadOnlyList<PlannedProject> planned, int year, ImportTally tally)
    {
        var snapshots = new ProjectSnapshot[planned.Count];
        for (var start = 0; start < planned.Count; start += Parallel)
        {
            var end = Math.Min(planned.Count, start + Parallel);
            var batch = await Task.WhenAll(Enumerable.Range(start, end - start).Select(i => grains.GetGrain<IProjectGrain>(planned[i].GrainKey).GetAsync()));
            batch.CopyTo(snapshots, start);
        }
        var work = new List<ProjectWork>();
        for (var i = 0; i < planned.Count; i++)
        {
            var project = planned[i];
            var snapshot = snapshots[i];
            var register = DiffRegistration(project, snapshot.Registration, tally);
            var report = DiffReport(project, snapshot.Reports.FirstOrDefault(r => r.Report.Year == year)?.Report, tally);
            if (register || report is not null)
                work.Add(new ProjectWork(project, register, report));
        }
        return work;
    }

    /// <summary>The projects of the year's previous edition that this one lacks and that hold a report for the year: those reports are withdrawn.</summary>
    async Task<List<string>> DiffWithdrawalsAsync(IReadOnlyList<string> previous, IReadOnlyList<PlannedProject> planned, int year, ImportTally tally)
    {
        var kept = planned.Select(p => p.GrainKey).ToHashSet(StringComparer.Ordinal);
        var dropped = previous.Where(k => !kept.Contains(k)).ToList();
        var withdrawals = new List<string>();
        foreach (var chunk in dropped.Chunk(Parallel))
        {
            var snapshots = await Task.WhenAll(chunk.Select(k => grains.GetGrain<IProjectGrain>(k).GetAsync()));
            foreach (var snapshot in snapshots)
            {
                if (snapshot.Reports.FirstOrDefault(r => r.Report.Year == year)?.Report is not { } report)
                    continue;
                tally.Withdrawn("report", snapshot.Key, [new("statusClass", report.StatusClass.ToString(), null), new("statusText", report.StatusText, null)]);
                withdrawals.Add(snapshot.Key);
            }
        }
        return withdrawals;
    }

    static bool DiffRegistration(PlannedProject project, ProjectRegistration? current, ImportTally tally)
    {
        var wanted = project.Registration;
        if (current is null)
        {
            tally.Created("project", project.GrainKey, project.Line, RegistrationFields(null, wanted));
            return true;
        }
        if (ProjectValidation.Same(current, wanted))
        {
            tally.Unchanged("project");
            return false;
        }
        tally.Changed("project", project.GrainKey, project.Line, RegistrationFields(current, wanted));
        return true;
    }

    /// <summary>The report to submit, or null when the grain already holds it; money and completion sent by departments are kept.</summary>
    static ProjectReport? DiffReport(PlannedProject project, ProjectReport? current, ImportTally tally)
    {
        if (project.Report is not { } wanted)
            return null;
        if (current is null)
        {
            tally.Created("report", project.GrainKey, project.Line, [new("statusClass", null, wanted.StatusClass.ToString()), new("statusText", null, wanted.StatusText)]);
            return wanted;
        }
        wanted = wanted with { CompletionPercent = current.CompletionPercent, MoneyPlanned = current.MoneyPlanned, MoneySpent = current.MoneySpent };
        if (current == wanted)
        {
            tally.Unchanged("report");
            return null;
        }
        var fields = new List<FieldChange>();
        if (current.StatusClass != wanted.StatusClass)
            fields.Add(new("statusClass", current.StatusClass.ToString(), wanted.StatusClass.ToString()));
        if (current.StatusText != wanted.StatusText)
            fields.Add(new("statusText", current.StatusText, wanted.StatusText));
        tally.Changed("report", project.GrainKey, project.Line, fields);
        return wanted;
    }

    static List<FieldChange> RegistrationFields(ProjectRegistration? before, ProjectRegistration after)
    {
        var fields = new List<FieldChange>();
        void Add(string field, string? old, string? now)
        {
            if (before is null || old != now)
                fields.Add(new FieldChange(field, before is null ? null : old, now));
        }
        Add("priority", before?.Priority, after.Priority);
        Add("strategicGoal", before?.StrategicGoal, after.StrategicGoal);
        Add("task", before?.Task, after.Task);
        Add("name", before?.Name, after.Name);
        Add("startYear", before?.StartYear?.ToString(CultureInfo.InvariantCulture), after.StartYear?.ToString(CultureInfo.InvariantCulture));
        Add("endYear", before?.EndYear?.ToString(CultureInfo.InvariantCulture), after.EndYear?.ToString(CultureInfo.InvariantCulture));
        Add("departments", before is null ? null : string.Join(", ", before.Departments), string.Join(", ", after.Departments));
        Add("departmentSpellings", before?.DepartmentSpellings is null ? null : string.Join("; ", before.DepartmentSpellings), string.Join("; ", after.DepartmentSpellings ?? []));
        return fields;
    }

    async Task ApplyAsync(ProjectWork work, ChangeContext context, ImportWrites writes)
    {
        var (project, register, report) = work;
        var grain = grains.GetGrain<IProjectGrain>(project.GrainKey);
        if (register && !await writes.RunAsync("project", project.GrainKey, project.Line, () => grain.RegisterAsync(project.Registration, context with { Id = $"{context.Id}:{project.GrainKey}:registration" })))
            return; // its report would be refused as well
        if (report is not null)
            await writes.RunAsync("report", project.GrainKey, project.Line, () => grain.SubmitReportAsync(report, context with { Id = $"{context.Id}:{project.GrainKey}:report" }));
    }

    sealed record ProjectWork(PlannedProject Project, bool Register, ProjectReport? Report);
}
