using CityActors.Benchmarks.Scenarios;

namespace CityActors.Benchmarks;

/// <summary>Every scenario, in the order <c>--scenario all</c> runs them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new PingSequentialScenario(),
        new PingConcurrentScenario(),
        new StateWritesScenario(),
        new JournalAppendsScenario(),
        new ActivationScenario(),
        new CallBreakdownScenario(),
        new ApiIngestScenario(),
        new ConceptImportScenario(),
    ];

    /// <summary>The scenarios a name selects; empty when it names none.</summary>
    public static IReadOnlyList<IScenario> Select(string name) => name == "all"
        ? [.. All.Where(s => !s.Diagnostic)]
        : [.. All.Where(s => s.Name == name)];
}
