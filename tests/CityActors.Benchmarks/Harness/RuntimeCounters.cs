using System.Diagnostics;

namespace CityActors.Benchmarks.Harness;

/// <summary>Process-wide counters at one moment; subtract two to get what a measured window cost.</summary>
internal readonly record struct RuntimeCounters(
    long AllocatedBytes,
    long ThreadPoolItems,
    long LockContentions,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan GcPause,
    TimeSpan ProcessorTime,
    TimeSpan Elapsed)
{
    public static RuntimeCounters Take()
    {
        using var process = Process.GetCurrentProcess();
        return new(
            GC.GetTotalAllocatedBytes(precise: true),
            ThreadPool.CompletedWorkItemCount,
            Monitor.LockContentionCount,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            process.TotalProcessorTime,
            Stopwatch.GetElapsedTime(0));
    }

    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before) => new(
        after.AllocatedBytes - before.AllocatedBytes,
        after.ThreadPoolItems - before.ThreadPoolItems,
        after.LockContentions - before.LockContentions,
        after.Gen0Collections - before.Gen0Collections,
        after.Gen1Collections - before.Gen1Collections,
        after.Gen2Collections - before.Gen2Collections,
        after.GcPause - before.GcPause,
        after.ProcessorTime - before.ProcessorTime,
        after.Elapsed - before.Elapsed);
}
