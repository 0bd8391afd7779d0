using System.Diagnostics;
using System.Reflection;
using CityActors.Benchmarks.Grains;
using CityActors.Benchmarks.Harness;
using CityActors.Runtime;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Benchmarks.Scenarios;

/// <summary>Takes a sequential grain call apart: what each layer under <c>await grain.PingAsync()</c> costs on its own.</summary>
/// <remarks>
/// Each step runs alone in a loop, one at a time, after a warm-up of its own; the figures are means per
/// operation. The runtime-internal steps go through the internals the runtime shows this project.
/// </remarks>
internal sealed class CallBreakdownScenario : IScenario
{
    const string Prefix = "call-breakdown";
    const int AsyncIterations = 300_000;
    const int SyncIterations = 3_000_000;
    static readonly TimeSpan s_minimumWarmup = TimeSpan.FromSeconds(1);

    public string Name => "call-breakdown";

    public string Description => "diagnostic: the cost in ns, bytes and thread-pool items of each layer of a sequential call";

    public bool Diagnostic => true;

    public async Task RunAsync(ScenarioContext context)
    {
        var report = context.Report;
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<PingGrain>().UseMemoryStorage());
        var factory = silo.GrainFactory;
        var catalog = silo.Services.GetRequiredService<Catalog>();
        var grain = factory.GetGrain<IPingGrain>("breakdown-0");
        var grainId = ((GrainProxy)(object)grain).GrainId;
        var ping = typeof(IPingGrain).GetMethod(nameof(IPingGrain.PingAsync))!;
        var descriptor = catalog.Registry.GetMethod(ping);
        IPingGrain local = new LocalPing();
        var proxy = DispatchProxy.Create<IPingGrain, CompletedProxy>();
        var oneHop = new ThreadPoolHop(underContext: false);
        var twoHops = new ThreadPoolHop(underContext: true);
        report.Note("call-breakdown: one caller, each step alone in a loop after its own warm-up, means per operation");

        await MeasureAsync(context, "direct", () => local.PingAsync());
        await MeasureAsync(context, "dispatch-proxy", () => proxy.PingAsync());
        Measure(context, "get-grain", () => factory.GetGrain<IPingGrain>("breakdown-0"));
        Measure(context, "method-lookup", () => catalog.Registry.GetMethod(ping));
        Measure(context, "create-request", () => descriptor.CreateRequest(grainId, [], null, long.MaxValue));
        var clock = silo.Services.GetRequiredService<TimeProvider>();
        Measure(context, "clock-read", () => clock.GetUtcNow());
        Measure(context, "service-lookup", () => silo.Services.GetRequiredService<TimeProvider>());
        await MeasureAsync(context, "threadpool.one-hop", oneHop.RoundTripAsync);
        await MeasureAsync(context, "threadpool.two-hops", twoHops.RoundTripAsync);
        await MeasureAsync(context, "invoke-from-proxy", () => (Task)catalog.InvokeFromProxy(grainId, ping, []));
        await MeasureAsync(context, "grain-call", () => grain.PingAsync());
    }

    static async Task MeasureAsync(ScenarioContext context, string step, Func<Task> operation)
    {
        var warmupStarted = Stopwatch.GetTimestamp();
        do
        {
            for (var i = 0; i < AsyncIterations / 10; i++)
                await operation();
        }
        while (Stopwatch.GetElapsedTime(warmupStarted) < s_minimumWarmup);
        var before = RuntimeCounters.Take();
        for (var i = 0; i < AsyncIterations; i++)
            await operation();
        Report(context, step, RuntimeCounters.Take() - before, AsyncIterations);
    }

    static void Measure<T>(ScenarioContext context, string step, Func<T> operation)
    {
        // The last result is kept, not each one, so that a value type is not boxed inside the loop.
        var last = default(T);
        var warmupStarted = Stopwatch.GetTimestamp();
        do
        {
            for (var i = 0; i < SyncIterations / 10; i++)
                last = operation();
        }
        while (Stopwatch.GetElapsedTime(warmupStarted) < s_minimumWarmup);
        var before = RuntimeCounters.Take();
        for (var i = 0; i < SyncIterations; i++)
            last = operation();
        var costs = RuntimeCounters.Take() - before;
        GC.KeepAlive(last);
        Report(context, step, costs, SyncIterations);
    }

    static void Report(ScenarioContext context, string step, RuntimeCounters costs, int iterations)
    {
        var name = $"{Prefix}.{step}";
        context.Report.Figure(name, costs.Elapsed.TotalNanoseconds / iterations, "ns/op", 1);
        context.Report.Figure($"{name}.alloc", (double)costs.AllocatedBytes / iterations, "bytes/op", 1);
        context.Report.Figure($"{name}.threadpool-items", (double)costs.ThreadPoolItems / iterations, "items/op", 2);
    }
}
