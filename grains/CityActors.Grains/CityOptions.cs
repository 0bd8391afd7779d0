namespace CityActors.Grains;

/// <summary>The city the silo runs: section <c>City</c>.</summary>
public sealed class CityOptions
{
    /// <summary>The city's name: the key of its aggregate, kind registry and event stream.</summary>
    public string Name { get; set; } = "zhytomyr";

    public DemoOptions Demo { get; set; } = new();

    public SimulatorOptions Simulator { get; set; } = new();

    public ConceptOptions Concept { get; set; } = new();

    /// <summary>The problems with these options, empty when there are none.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            yield return "City:Name must be lower-case latin letters, digits and dashes, such as 'zhytomyr'.";
        if (Simulator.Enabled && !Demo.Enabled)
            yield return "City:Simulator:Enabled needs City:Demo:Enabled: the simulator reports for the demo city's facilities.";
        if (Simulator.UpdatesPerSecond is <= 0 or > 1_000_000)
            yield return "City:Simulator:UpdatesPerSecond must be between 0 (exclusive) and 1,000,000.";
        if (Simulator.AirRaidEvery <= TimeSpan.Zero || Simulator.PowerOutageEvery <= TimeSpan.Zero)
            yield return "City:Simulator:AirRaidEvery and PowerOutageEvery must be positive.";
    }
}

/// <summary>The demo city: Zhytomyr's registry generated from the counts in the city's 2023 report.</summary>
public sealed class DemoOptions
{
    /// <summary>Registers the demo city at start (idempotent: a second start changes nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The generator's seed: the same seed gives the same city.</summary>
    public int Seed { get; set; } = 2023;
}

/// <summary>Status traffic for the demo city, sent through the same grain calls as the client API.</summary>
public sealed class SimulatorOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Status updates sent per second, heartbeats included.</summary>
    public double UpdatesPerSecond { get; set; } = 60;

    /// <summary>How often an air-raid alert starts.</summary>
    public TimeSpan AirRaidEvery { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often a power outage hits part of the city.</summary>
    public TimeSpan PowerOutageEvery { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>The city's Concept of Integrated Development: section <c>City:Concept</c>.</summary>
public sealed class ConceptOptions
{
    /// <summary>Imports the shipped 2025 Concept report at the first start (when no report was ever imported), so the projects exist.</summary>
    public bool ImportAtStart { get; set; } = true;
}
