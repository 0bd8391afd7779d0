using System.Globalization;
using CityActors.Benchmarks.Storage;

namespace CityActors.Benchmarks;

/// <summary>The command line, parsed.</summary>
internal sealed class BenchmarkOptions
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";
    public const string PostgresEnvironmentVariable = "CITYACTORS_TEST_POSTGRES";

    TimeSpan? _warmup;

    public string? Scenario { get; private set; }
    public bool Help { get; private set; }
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup => _warmup ?? TimeSpan.FromSeconds(2);

    /// <summary>The warm-up given on the command line, else the scenario's own default.</summary>
    public TimeSpan WarmupOr(TimeSpan scenarioDefault) => _warmup ?? scenarioDefault;

    public string Postgres { get; private set; } = Environment.GetEnvironmentVariable(PostgresEnvironmentVariable) is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : DefaultPostgres;

    /// <summary>The storages the storage scenarios run on, in the order they run.</summary>
    public IReadOnlyList<StorageKind> Storages { get; private set; } = [StorageKind.Sqlite, StorageKind.Postgres, StorageKind.Memory];

    /// <summary>Overrides each scenario's own number of concurrent callers.</summary>
    public int? Callers { get; private set; }

    /// <summary>Overrides each scenario's own number of grains.</summary>
    public int? Grains { get; private set; }

    public int Activations { get; private set; } = 100_000;

    /// <summary>Facilities the annual-report scenario simulates.</summary>
    public int Facilities { get; private set; } = 10_000;

    /// <summary>Days of the year the annual-report scenario simulates (one status change per facility per day).</summary>
    public int Days { get; private set; } = 365;

    /// <summary>Which parts of the api-ingest scenario run: batches, single updates, or both.</summary>
    public ApiIngestParts ApiIngestParts { get; private set; } = ApiIngestParts.All;

    /// <summary>Environment variables given to the silo process of api-ingest on top of its own (such as DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment => _siloEnvironment;

    readonly Dictionary<string, string> _siloEnvironment = new(StringComparer.Ordinal);

    /// <summary>Samples allocations by type in each measured window and prints the top types.</summary>
    public bool AllocationProfile { get; private set; }

    /// <summary>How many times the chosen scenarios run, one round after another; more than one adds each figure's median.</summary>
    public int Repeat { get; private set; } = 1;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    options.Help = true;
                    break;
                case "--scenario":
                    options.Scenario = Value(args, ref i);
                    break;
                case "--duration":
                    options.Duration = Seconds(arg, Value(args, ref i));
                    break;
                case "--warmup":
                    options._warmup = Seconds(arg, Value(args, ref i), allowZero: true);
                    break;
                case "--postgres":
                    options.Postgres = Value(args, ref i);
                    break;
                case "--storage":
                    options.Storages = ParseStorages(Value(args, ref i));
                    break;
                case "--callers":
                    options.Callers = PositiveInteger(arg, Value(args, ref i));
                    break;
                case "--grains":
                    options.Grains = PositiveInteger(arg, Value(args, ref i));
                    break;
                case "--activations":
                    options.Activations = PositiveInteger(arg, Value(args, ref i));
                    break;
                case "--facilities":
                    options.Facilities = PositiveInteger(arg, Value(args, ref i));
                    break;
                case "--days":
                    options.Days = Math.Min(365, PositiveInteger(arg, Value(args, ref i)));
                    break;
                case "--part":
                    options.ApiIngestParts = ParseParts(Value(args, ref i));
                    break;
                case "--silo-env":
                    var assignment = Value(args, ref i);
                    var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                        throw new FormatException($"Option '--silo-env' takes NAME=VALUE, not '{assignment}'.");
                    options._siloEnvironment[assignment[..equals]] = assignment[(equals + 1)..];
                    break;
                case "--alloc-profile":
                    options.AllocationProfile = true;
                    break;
                case "--repeat":
                    options.Repeat = Math.Min(100, PositiveInteger(arg, Value(args, ref i)));
                    break;
                default:
                    throw new FormatException($"Unknown option '{arg}'.");
            }
        }
        return options;
    }

    static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
            throw new FormatException($"Option '{args[i]}' needs a value.");
        return args[++i];
    }

    static TimeSpan Seconds(string option, string value, bool allowZero = false)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || (seconds == 0 && !allowZero) || seconds > 86_400)
            throw new FormatException($"Option '{option}' takes a number of seconds, not '{value}'.");
        return TimeSpan.FromSeconds(seconds);
    }

    static int PositiveInteger(string option, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new FormatException($"Option '{option}' takes a positive whole number, not '{value}'.");
        return number;
    }

    static StorageKind[] ParseStorages(string value) => value switch
    {
        "all" => [StorageKind.Sqlite, StorageKind.Postgres, StorageKind.Memory],
        "sqlite" => [StorageKind.Sqlite],
        "postgres" => [StorageKind.Postgres],
        "memory" => [StorageKind.Memory],
        _ => throw new FormatException($"Option '--storage' takes sqlite, postgres, memory or all, not '{value}'."),
    };

    static ApiIngestParts ParseParts(string value) => value switch
    {
        "all" => ApiIngestParts.All,
        "batch" => ApiIngestParts.Batch,
        "single" => ApiIngestParts.Single,
        _ => throw new FormatException($"Option '--part' takes batch, single or all, not '{value}'."),
    };

    public static string Usage(IEnumerable<Scenarios.IScenario> scenarios)
    {
        var lines = new List<string>
        {
            "Usage: dotnet run -c Release --project tests/CityActors.Benchmarks -- --scenario NAME [options]",
            "",
            "Scenarios:",
        };
        lines.AddRange(scenarios.Select(s => $"  {s.Name,-18} {s.Description}"));
        lines.Add($"  {"all",-18} every scenario above except the diagnostic ones, in that order");
        lines.AddRange(
        [
            "",
            "Options:",
            "  --duration SECONDS    measured time of each throughput run (default 10)",
            "  --warmup SECONDS      unmeasured time before each run (default 2; api-ingest 20, see below)",
            "  --storage KIND        sqlite, postgres, memory or all (default all) for state-writes and journal-appends",
            $"  --postgres CS         PostgreSQL connection string (default: ${PostgresEnvironmentVariable}, else {DefaultPostgres});",
            "                        each run uses a fresh schema and drops it afterwards",
            "  --callers N           concurrent callers, overriding the scenario's default",
            "  --grains N            grains the callers spread over, overriding the scenario's default",
            "  --activations N       grains the activation scenario activates (default 100000)",
            "  --facilities N        facilities the annual-report scenario simulates (default 10000)",
            "  --days N              days of the year it simulates, at most 365 (default 365); storage: the first of --storage",
            "  --part PART           api-ingest only: batch (batches of 500), single (single updates at 2,000/s) or all",
            "                        (default all, batches first; single alone starts from a silo with no batch backlog);",
            "                        each part warms up 20 s by default: the silo process starts cold, and its JIT",
            "                        recompiles the request path for 15 to 20 s under this load",
            "  --silo-env NAME=VALUE api-ingest only: an environment variable for the silo process (repeatable),",
            "                        such as DOTNET_gcServer=0 to measure the silo with the workstation GC",
            "  --alloc-profile       sample allocations by type in each measured window and print the top types",
            "  --repeat N            run the chosen scenarios N times, one round after another (default 1, at most 100),",
            "                        then print each figure's median as NAME.median and its range as a '#' line",
            "  --help                this text",
            "",
            "Output: one 'name: value unit' line per figure; lines starting with '#' describe the machine and the setup.",
            "Exit codes: 0 done, 1 a scenario failed, 2 bad command line.",
        ]);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The measured parts of the api-ingest scenario.</summary>
[Flags]
internal enum ApiIngestParts
{
    Batch = 1,
    Single = 2,
    All = Batch | Single,
}
