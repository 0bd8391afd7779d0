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
        return $"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}, "
            + $"{RuntimeInformation.FrameworkDescription}, {gc} GC ({concurrent}), tiered PGO {(AppContext.TryGetSwitch("System.Runtime.TieredPGO", out var pgo) && !pgo ? "off" : "on")}";
    }
}
