using System.Diagnostics;
using System.Globalization;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Storage;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Imports;
using CityActors.Runtime.Testing;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>The whole 2025 Concept report imported end to end: bytes in, every department, project and report durable.</summary>
/// <remarks>
/// Each run starts a silo on a fresh store, so every import creates 22 departments, 213 projects and 213 reports
/// (448 journal events, each durable before its call returns). The first run also pays for JIT compilation and is
/// reported on its own; a re-import of the same file on the same silo shows the cost of finding nothing to change.
/// </remarks>
internal sealed class ConceptImportScenario : IScenario
{
    const int Runs = 5;

    public string Name => "concept-import";

    public string Description => "import the 2025 Concept report (22 departments, 213 projects and reports) into fresh grains, per --storage: seconds per import";

    public async Task RunAsync(ScenarioContext context)
    {
        var content = ConceptReports.Read(ConceptReports.Zhytomyr2025);
        ParseOnly(context.Report, content);
        foreach (var kind in context.Options.Storages)
        {
            var name = kind.ToString().ToLowerInvariant();
            try
            {
                await RunOnAsync(context, kind, content);
            }
            catch (Exception exception)
            {
                context.Fail($"concept-import.{name}", exception);
            }
        }
    }

    static void ParseOnly(Report report, byte[] content)
    {
        var parser = new ConceptDocumentParser();
        parser.Parse(new MemoryStream(content), ConceptReports.Zhytomyr2025);
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            parser.Parse(new MemoryStream(content), ConceptReports.Zhytomyr2025);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        report.Figure("concept-import.parse.median", times[times.Count / 2], "ms", 1);
    }

    static async Task RunOnAsync(ScenarioContext context, StorageKind kind, byte[] content)
    {
        var report = context.Report;
        var prefix = $"concept-import.{kind.ToString().ToLowerInvariant()}";
        var imports = new List<double>();
        var reimports = new List<double>();
        string? description = null;
        for (var run = 0; run <= Runs; run++)
        {
            await using var store = BenchmarkStore.Create(kind, context.Options.Postgres);
            await using (var silo = await TestSilo.StartAsync(s =>
            {
                s.AddGrains(typeof(ImportGrain).Assembly);
                store.Configure(s);
            }))
            {
                description ??= store.Description;
                var importer = silo.GrainFactory.GetGrain<IImportGrain>("zhytomyr");
                var request = new ImportRequest(ConceptReports.Zhytomyr2025, content, DryRun: false, Partial: false, "benchmark");

                var started = Stopwatch.GetTimestamp();
                var result = await importer.ImportConceptAsync(request);
                var elapsed = Stopwatch.GetElapsedTime(started);
                Check(result, created: 213);

                started = Stopwatch.GetTimestamp();
                var again = await importer.ImportConceptAsync(request);
                var reimport = Stopwatch.GetElapsedTime(started);
                Check(again, created: 0);

                if (run == 0)
                {
                    report.Figure($"{prefix}.first", elapsed.TotalSeconds, "s (cold: includes JIT)", 3);
                    continue;
                }
                imports.Add(elapsed.TotalSeconds);
                reimports.Add(reimport.TotalSeconds);
            }
        }
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"concept-import on {description}: {Runs} imports of the 2025 report ({content.Length:N0} bytes), each into a fresh silo and store, after one cold run; load average {MachineInfo.LoadAverage()}"));
        imports.Sort();
        reimports.Sort();
        report.Figure($"{prefix}.median", imports[imports.Count / 2], "s per import", 3);
        report.Figure($"{prefix}.max", imports[^1], "s per import", 3);
        report.Figure($"{prefix}.reimport.median", reimports[reimports.Count / 2], "s per unchanged re-import", 3);
    }

    static void Check(ImportResult result, int created)
    {
        var projects = result.Counts.Single(c => c.Entity == "project");
        if (result.Errors.Count > 0 || !result.Applied || projects.Created != created || projects.Created + projects.Unchanged != 213)
            throw new InvalidOperationException($"The import did not do what it should: {string.Join("; ", result.Errors.Take(3))}; projects {projects}.");
    }
}
