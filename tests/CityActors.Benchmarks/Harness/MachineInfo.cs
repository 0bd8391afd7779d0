using System.Runtime;
using System.Runtime.InteropServices;

namespace CityActors.Benchmarks.Harness;

/// <summary>The one header line that says what the figures were measured on.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent";
        var adaptation = Environment.GetEnvironmentVariable("DOTNET_GCDynamicAdaptationMode")
            ?? Convert.ToString(AppContext.GetData("System.GC.DynamicAdaptationMode"), System.Globalization.CultureInfo.InvariantCulture);
        var datas = adaptation == "0" ? ", no dynamic adaptation" : string.Empty;
        var pgo = AppContext.TryGetSwitch("System.Runtime.TieredPGO", out var enabled) && !enabled ? "off" : "on";
        return $"machine: {Environment.ProcessorCount} processors ({Processor()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}, "
            + $"{RuntimeInformation.FrameworkDescription}, {gc} GC ({concurrent}{datas}), tiered PGO {pgo}, load average at start {LoadAverage()}";
    }

    // Other work on the machine moves every figure, so the header says how busy it was when the run began.
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    static string Processor()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path))
            return RuntimeInformation.ProcessArchitecture.ToString();
        var model = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? "unknown model" : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
