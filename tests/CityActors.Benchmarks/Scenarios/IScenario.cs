namespace CityActors.Benchmarks.Scenarios;

internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Diagnostic scenarios explain figures; <c>--scenario all</c> leaves them out.</summary>
    bool Diagnostic => false;

    Task RunAsync(ScenarioContext context);
}
