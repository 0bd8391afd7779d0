using CityActors.Benchmarks.Harness;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>What a scenario runs with: the options, the report, and the allocation sampler when asked for.</summary>
internal sealed class ScenarioContext(BenchmarkOptions options, Report report, AllocationSampler? sampler)
{
    const int TopAllocatedTypes = 15;

    public BenchmarkOptions Options { get; } = options;
    public Report Report { get; } = report;

    /// <summary>Set when a part of a scenario failed but the others could still run.</summary>
    public bool Failed { get; private set; }

    public void StartAllocationProfile() => sampler?.Start();

    /// <summary>Stops sampling and prints the types that took the most of the window's allocated bytes.</summary>
    public void StopAllocationProfile(string prefix)
    {
        if (sampler is null)
            return;
        sampler.Stop();
        foreach (var (type, share) in sampler.Top(TopAllocatedTypes))
            Report.Note(FormattableString.Invariant($"{prefix} allocates {share * 100,5:F1}% {type}"));
    }

    /// <summary>Reports a failed part on stderr and lets the scenario go on with the next part.</summary>
    public void Fail(string what, Exception exception)
    {
        Failed = true;
        Console.Error.WriteLine($"# {what} failed: {exception.GetType().Name}: {exception.Message}");
    }
}
