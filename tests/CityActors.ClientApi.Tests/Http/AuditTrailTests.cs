extern alias api;

using api::CityActors.ClientApi;
using api::CityActors.ClientApi.Http;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Audit;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Tests.Http;

/// <summary>The audit trail in process on real PostgreSQL, with a fake clock: what happens while storage refuses the audit.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    static readonly DateTimeOffset s_start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    readonly string _schema = $"audit_{Guid.NewGuid():N}";
    readonly ManualTimeProvider _clock = new(s_start);
    readonly FailureLog _log = new();
    TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(silo =>
        {
            silo.AddGrains(typeof(AuditGrain).Assembly);
            silo.UsePostgresStorage(ApiSilo.PostgresConnectionString, _schema);
        }, _clock, new Dictionary<string, string?> { ["Runtime:Messaging:ResponseTimeout"] = "365.00:00:00" });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await AuditRefusal.DropSchemaAsync(_schema);
    }

    AuditTrail NewTrail(TimeSpan retryInterval)
        => new(_silo.GrainFactory, Options.Create(new ClientApiOptions { AuditRetryInterval = retryInterval }), _clock, _log);

    static AuditEntry Entry(string what) => new(s_start, "3f9a01c2d4e5", "диспетчер Коваленко", "operator", null, "10.0.0.7", "POST",
        "/api/v1/facilities/signal-017/alarms/dark/acknowledge", "alarm.acknowledge", "signal-017", 200, what);

    Task<IReadOnlyList<AuditEntry>> DayAsync()
        => _silo.GrainFactory.GetGrain<IAuditGrain>(IAuditGrain.Key(new ClientApiOptions().City, s_start)).ListAsync(new AuditFilter(s_start.AddHours(-1), s_start.AddHours(1)));

    [Fact]
    public async Task RecordAsync_StorageRefusesTheAudit_WaitsAndTheRetryTimerWritesItWithoutAnotherRequest()
    {
        using var trail = NewTrail(TimeSpan.FromMinutes(5));
        await trail.StartAsync(CancellationToken.None);
        await AuditRefusal.RefuseAsync(_schema);

        var written = trail.RecordAsync(Entry("alarm 'dark' acknowledged"));
        await _log.FailedOnceAsync();
        await AuditRefusal.AllowAsync(_schema);
        await Task.Delay(500);
        var beforeTimer = written.IsCompleted;
        await Task.Run(() => _clock.Advance(TimeSpan.FromMinutes(5)));
        await written.WaitAsync(TimeSpan.FromSeconds(30));
        var stored = await DayAsync();

        Assert.False(beforeTimer, "the entry was not durable, so the request must still be waiting");
        Assert.Equal("alarm 'dark' acknowledged", Assert.Single(stored).What);
        Assert.NotNull(stored[0].Id);
        await trail.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_EntryRefusedUntilThen_IsWrittenBeforeTheTrailStops()
    {
        using var trail = NewTrail(TimeSpan.FromHours(1));
        await trail.StartAsync(CancellationToken.None);
        await AuditRefusal.RefuseAsync(_schema);
        var written = trail.RecordAsync(Entry("registered school 'Ліцей № 25'"));
        await _log.FailedOnceAsync();
        await AuditRefusal.AllowAsync(_schema);

        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await trail.StopAsync(shutdown.Token);
        var stored = await DayAsync();

        Assert.True(written.IsCompletedSuccessfully);
        Assert.Equal("registered school 'Ліцей № 25'", Assert.Single(stored).What);
    }

    [Fact]
    public async Task RecordAsync_AfterStop_WritesTheEntryItself()
    {
        using var trail = NewTrail(TimeSpan.FromSeconds(1));
        await trail.StartAsync(CancellationToken.None);
        await trail.StopAsync(CancellationToken.None);

        await trail.RecordAsync(Entry("a request that finished during shutdown"));

        Assert.Single(await DayAsync());
    }

    /// <summary>The trail's log, to know when an append has failed.</summary>
    sealed class FailureLog : ILogger<AuditTrail>
    {
        readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FailedOnceAsync() => _failed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                _failed.TrySetResult();
        }
    }
}
