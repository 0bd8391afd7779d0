using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CityActors.Benchmarks.Harness;

/// <summary>Which types a measured window allocates, from the runtime's allocation-tick events (one per ~100 KB).</summary>
/// <remarks>
/// Sampled in-process with an <see cref="EventListener"/>, so no tool has to attach; each tick charges its
/// ~100 KB to the type whose allocation crossed the threshold, which over a run is proportional to the bytes.
/// </remarks>
internal sealed class AllocationSampler : EventListener
{
    const int AllocationTickEventId = 10;
    const long GcKeyword = 0x1;

    readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    volatile bool _recording;

    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    public void Stop() => _recording = false;

    /// <summary>The types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        var total = (double)_bytesByType.Values.Sum();
        if (total == 0)
            return [];
        return [.. _bytesByType.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value / total))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null)
            return;
        var typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
            return;
        var type = eventData.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
