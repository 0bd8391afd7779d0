using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityActors.Runtime.Diagnostics;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;

namespace CityActors.Runtime.Tests.Runtime;

public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    readonly ConcurrentQueue<Activity> _spans = new();
    readonly ConcurrentDictionary<string, long> _measurements = new();
    readonly ActivityListener _activityListener;
    readonly MeterListener _meterListener = new();
    TestSilo _silo = null!;

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        _meterListener.SetMeasurementEventCallback<double>((instrument, _, _, _) => _measurements.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        _meterListener.Start();
    }

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task GrainCall_WithListeners_RecordsASpanAndCallMetrics()
    {
        var key = $"traced-{Guid.NewGuid():N}";
        using var parent = new ActivitySource("CityActors.Tests").StartActivity("request");

        await _silo.GrainFactory.GetGrain<ITurnGrain>(key).EchoAsync("x");

        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("cityactors.grain.id") == $"turn/{key}");
        Assert.Equal("ITurnGrain.EchoAsync", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.True(_measurements.GetValueOrDefault("cityactors.grain.calls") >= 1);
        Assert.True(_measurements.GetValueOrDefault("cityactors.grain.call.duration") >= 1);
        Assert.True(_measurements.GetValueOrDefault("cityactors.grain.activations") >= 1);
    }

    [Fact]
    public async Task StateWrite_WithListeners_RecordsAStorageBatch()
    {
        await _silo.GrainFactory.GetGrain<ICounterGrain>($"metered-{Guid.NewGuid():N}").AddAsync(1, "x");

        Assert.Contains(_spans, s => s.DisplayName == "storage commit" && (string?)s.GetTagItem("db.system.name") == "memory");
        Assert.True(_measurements.GetValueOrDefault("cityactors.storage.batch.size") >= 1);
    }
}
