using System.Collections.Concurrent;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class GrainCallFilterTests : IAsyncLifetime
{
    TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s
        .AddGrains(typeof(TurnGrain).Assembly)
        .AddIncomingGrainCallFilter<RecordingIncomingFilter>()
        .AddOutgoingGrainCallFilter<UpperCasingOutgoingFilter>());

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task IncomingFilter_SeesGrainMethodAndArguments()
    {
        var key = $"filtered-{Guid.NewGuid():N}";

        await _silo.GrainFactory.GetGrain<ITurnGrain>(key).EchoAsync("hello");

        Assert.Contains($"turn/{key} ITurnGrain.EchoAsync(hello) on TurnGrain", RecordingIncomingFilter.Calls);
    }

    [Fact]
    public async Task OutgoingFilter_CanReplaceTheResult()
    {
        var echoed = await _silo.GrainFactory.GetGrain<ITurnGrain>("outgoing").EchoAsync("житомир");

        Assert.Equal("ЖИТОМИР", echoed);
    }

    [Fact]
    public async Task IncomingFilter_GrainThrows_FilterSeesTheExceptionAndCallerGetsIt()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>("filtered-thrower");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("boom"));

        Assert.Contains("turn/filtered-thrower failed: boom", RecordingIncomingFilter.Calls);
    }

    public sealed class RecordingIncomingFilter : IIncomingGrainCallFilter
    {
        public static ConcurrentBag<string> Calls { get; } = [];

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            Calls.Add($"{context.TargetId} {context.InterfaceMethod.DeclaringType!.Name}.{context.InterfaceMethod.Name}({string.Join(",", context.Arguments)}) on {context.Grain.GetType().Name}");
            try
            {
                await context.Invoke();
            }
            catch (Exception exception)
            {
                Calls.Add($"{context.TargetId} failed: {exception.Message}");
                throw;
            }
        }
    }

    public sealed class UpperCasingOutgoingFilter : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.Result is string text)
                context.Result = text.ToUpperInvariant();
        }
    }
}
