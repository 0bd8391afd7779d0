using CityActors.Benchmarks;
using CityActors.Benchmarks.Harness;
using CityActors.Benchmarks.Scenarios;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine("Run with --help for the scenarios and options.");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage(ScenarioCatalog.All));
    return 0;
}

if (options.Scenario is null)
{
    Console.Error.WriteLine("error: no scenario; pass --scenario NAME (or --scenario all). Run with --help for the list.");
    return 2;
}

var scenarios = ScenarioCatalog.Select(options.Scenario);
if (scenarios.Count == 0)
{
    Console.Error.WriteLine($"error: unknown scenario '{options.Scenario}'. Known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}, all.");
    return 2;
}

var report = new Report(Console.Out);
report.Note(MachineInfo.Describe());
using var sampler = options.AllocationProfile ? new AllocationSampler() : null;
var failed = false;
for (var round = 1; round <= options.Repeat; round++)
{
    if (options.Repeat > 1)
        report.Note($"round {round} of {options.Repeat}");
    foreach (var scenario in scenarios)
    {
        var context = new ScenarioContext(options, report, sampler);
        try
        {
            await scenario.RunAsync(context);
        }
        catch (Exception exception)
        {
            context.Fail(scenario.Name, exception);
        }
        failed |= context.Failed;
        // Each scenario starts from a collected heap, so one's garbage is not collected in the next one's window.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
// On a shared machine rates move from run to run; the median of several is the figure to quote.
report.Medians();
return failed ? 1 : 0;
