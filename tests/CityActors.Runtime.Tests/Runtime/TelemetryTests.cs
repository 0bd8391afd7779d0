using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityActors.Runtime.Diagnostics;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;
using Npgsql;

namespace CityActors.Runtime.Tests.Runtime;

/// <summary>Grain calls and storage are traced and measured under the OpenTelemetry semantic conventions' names.</summary>
public sealed class TelemetryTests : IDisposable
{
    static readonly string s_turnService = typeof(ITurnGrain).FullName!;

    readonly ConcurrentQueue<Activity> _spans = new();
    readonly ConcurrentQueue<Measurement> _measurements = new();
    readonly ActivityListener _activityListener;
    readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RuntimeTelemetry.Name or "CityActors.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument, value, Tags(tags))));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument, value, Tags(tags))));
        _meterListener.Start();
    }

    [Fact]
    public async Task GrainCall_WithListeners_IsAnRpcSpanAndDurationNamedByInterfaceAndMethod()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));
        var key = $"traced-{Guid.NewGuid():N}";
        Activity? request;
        using (request = new ActivitySource("CityActors.Tests").StartActivity("request"))
            await silo.GrainFactory.GetGrain<ITurnGrain>(key).EchoAsync("x");

        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("cityactors.grain.id") == $"turn/{key}");
        Assert.Equal($"{s_turnService}/EchoAsync", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("cityactors", span.GetTagItem("rpc.system"));
        Assert.Equal(s_turnService, span.GetTagItem("rpc.service"));
        Assert.Equal("EchoAsync", span.GetTagItem("rpc.method"));
        Assert.Equal(request!.SpanId, span.ParentSpanId);
        // Other tests call grains meanwhile: any of the measurements of this method will do.
        var duration = _measurements.First(m => m.Instrument.Name == "rpc.server.duration" && m.Tag("rpc.service") == s_turnService && m.Tag("rpc.method") == "EchoAsync");
        Assert.Equal("ms", duration.Instrument.Unit);
        Assert.Equal("cityactors", duration.Tag("rpc.system"));
        Assert.Null(duration.Tag("error.type"));
        Assert.Contains(_measurements, m => m.Instrument.Name == "cityactors.grain.activations" && m.Tag("cityactors.grain.type") == "turn");
    }

    [Fact]
    public async Task GrainCall_ThatThrows_RecordsTheErrorType()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(TurnGrain).Assembly));

        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<ITurnGrain>($"failing-{Guid.NewGuid():N}").ThrowAsync("no"));

        Assert.Contains(_measurements, m => m.Instrument.Name == "rpc.server.duration" && m.Tag("rpc.method") == "ThrowAsync"
            && m.Tag("error.type") == typeof(InvalidOperationException).FullName);
        Assert.Contains(_spans, s => s.DisplayName == $"{s_turnService}/ThrowAsync" && s.Status == ActivityStatusCode.Error);
    }

    [Fact]
    public async Task StateWrite_OnSqlite_IsADatabaseSpanUnderTheCallAndACommitBatch()
    {
        var database = Path.Combine(Path.GetTempPath(), $"cityactors-telemetry-{Guid.NewGuid():N}.db");
        try
        {
            await using (var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UseSqliteStorage(database)))
                await silo.GrainFactory.GetGrain<ICounterGrain>($"metered-{Guid.NewGuid():N}").AddAsync(1, "x");

            AssertStorageTelemetry("sqlite");
        }
        finally
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                File.Delete(file);
        }
    }

    [Fact]
    public async Task StateWrite_OnPostgres_NamesTheDatabasePostgresql()
    {
        var connectionString = Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";
        var schema = $"telemetry_{Guid.NewGuid():N}";
        try
        {
            await using (var silo = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UsePostgresStorage(connectionString, schema)))
                await silo.GrainFactory.GetGrain<ICounterGrain>($"metered-{Guid.NewGuid():N}").AddAsync(1, "x");

            AssertStorageTelemetry("postgresql");
        }
        finally
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The counter's write: its span under the grain call, a commit batch, and the batch's duration and size.</summary>
    void AssertStorageTelemetry(string system)
    {
        var call = Assert.Single(_spans, s => s.DisplayName == $"{typeof(ICounterGrain).FullName}/AddAsync" && ((string?)s.GetTagItem("cityactors.grain.id"))!.StartsWith("counter/metered-", StringComparison.Ordinal)
            && _spans.Any(w => w.ParentSpanId == s.SpanId && (string?)w.GetTagItem("db.system.name") == system));
        var write = Assert.Single(_spans, s => s.ParentSpanId == call.SpanId);
        Assert.Equal("write grain_state", write.DisplayName);
        Assert.Equal(ActivityKind.Client, write.Kind);
        Assert.Equal("write", write.GetTagItem("db.operation.name"));
        Assert.Equal("grain_state", write.GetTagItem("db.collection.name"));
        Assert.Contains(_spans, s => s.DisplayName == "commit batch" && (string?)s.GetTagItem("db.system.name") == system && (string?)s.GetTagItem("db.operation.name") == "commit batch");
        var commit = _measurements.First(m => m.Instrument.Name == "db.client.operation.duration" && m.Tag("db.system.name") == system);
        Assert.Equal("s", commit.Instrument.Unit);
        Assert.Equal("commit batch", commit.Tag("db.operation.name"));
        Assert.Contains(_measurements, m => m.Instrument.Name == "cityactors.storage.batch.size" && m.Tag("db.system.name") == system && m.Value >= 1);
    }

    static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
            copy[key] = value?.ToString();
        return copy;
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    sealed record Measurement(Instrument Instrument, double Value, Dictionary<string, string?> Tags)
    {
        public string? Tag(string name) => Tags.GetValueOrDefault(name);
    }
}
