using CityActors.Runtime.Diagnostics;
using CityActors.Runtime.Reminders;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Runtime.Hosting;

/// <summary>The silo's lifetime: storage, stream catch-up and reminders at start; deactivation and flush at stop.</summary>
public sealed class Silo : IHostedService, IAsyncDisposable
{
    readonly Catalog _catalog;
    readonly GrainStorage _storage;
    readonly StreamRuntime _streams;
    readonly ReminderService _reminders;
    readonly RuntimeTelemetry _telemetry;
    readonly ILogger<Silo> _logger;
    readonly CallRateSampler _callRate;
    bool _started;
    bool _killed;
    int _schemaVersion;

    internal Silo(Catalog catalog, GrainStorage storage, StreamRuntime streams, ReminderService reminders, RuntimeTelemetry telemetry, ILogger<Silo> logger)
    {
        _catalog = catalog;
        _storage = storage;
        _streams = streams;
        _reminders = reminders;
        _telemetry = telemetry;
        _logger = logger;
        _callRate = new CallRateSampler(telemetry, catalog.Time);
        telemetry.ObserveStreamLag(streams.MaxLag);
    }

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.StartAsync(cancellationToken);
        _schemaVersion = await _storage.Backend.GetSchemaVersionAsync(cancellationToken);
        await _streams.StartAsync(cancellationToken);
        await _reminders.StartAsync(cancellationToken);
        _callRate.Start();
        _started = true;
        RuntimeLog.SiloStarted(_logger, _storage.Backend.Name, _catalog.Registry.Classes.Count());
    }

    /// <summary>
    /// Stops gracefully: takes no new calls from outside, runs the calls already accepted (running or queued) to
    /// completion, deactivates every grain, delivers the stream items they produced and flushes storage.
    /// </summary>
    /// <param name="cancellationToken">
    /// Bounds the stop (the host cancels it after its shutdown timeout). When it fires, calls still running or queued
    /// fail for their callers with <see cref="SiloUnavailableException"/>; the writes already submitted are still
    /// committed, and nothing was acknowledged before it was durable.
    /// </param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started || _killed)
            return;
        _started = false;
        var started = _catalog.Time.GetTimestamp();
        var activations = GetStatistics().Activations;
        _reminders.Stop();
        try
        {
            await _catalog.DeactivateAllAsync(_streams.DrainAsync, cancellationToken);
            await _streams.StopAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var abandoned = _catalog.AbandonAll(new SiloUnavailableException("The silo stopped before this call finished: its shutdown timeout ran out."));
            _streams.Kill();
            RuntimeLog.SiloStopTimedOut(_logger, abandoned, _catalog.Time.GetElapsedTime(started));
        }
        try
        {
            await _storage.StopAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: disposing the silo still waits for the batch being committed, so no write is torn.
            _callRate.Dispose();
            return;
        }
        _callRate.Dispose();
        RuntimeLog.SiloStopped(_logger, activations, _catalog.Time.GetElapsedTime(started));
    }

    /// <summary>Stops as a crash would: no deactivation, queued writes dropped, nobody told of the write in flight.</summary>
    public void Kill()
    {
        _killed = true;
        _started = false;
        _storage.Kill();
        _catalog.Kill();
        _reminders.Stop();
        _streams.Kill();
        _callRate.Dispose();
    }

    /// <summary>
    /// Whether the silo can serve writes now: started, storage answering, and its schema still the version the silo
    /// migrated it to at start (another process may have moved it on).
    /// </summary>
    public async Task<StorageHealth> CheckStorageAsync(CancellationToken cancellationToken)
    {
        if (!_started)
            return new StorageHealth(false, _storage.Backend.Name, null, _schemaVersion, "The silo is not started.");
        try
        {
            var version = await _storage.Backend.GetSchemaVersionAsync(cancellationToken);
            var problem = version > _schemaVersion
                ? $"The storage schema is at version {version}, newer than this silo knows (up to {_schemaVersion}): a newer release migrated it. Run that release, or stop this silo."
                : version < _schemaVersion
                    ? $"The storage schema is at version {version}, older than the {_schemaVersion} this silo migrated it to: the store was replaced or restored. Restart the silo to migrate it again."
                    : null;
            return new StorageHealth(problem is null, _storage.Backend.Name, version, _schemaVersion, problem);
        }
        catch (Exception exception)
        {
            // Cancellation included: a probe that runs out of time has its answer.
            return new StorageHealth(false, _storage.Backend.Name, null, _schemaVersion, $"Storage did not answer: {exception.Message}");
        }
    }

    /// <summary>The runtime's own figures, for the management surface and the dashboard.</summary>
    public RuntimeStatistics GetStatistics() => new(
        _catalog.CountActivationsByType(),
        _catalog.ActivationCount,
        _telemetry.TotalCalls,
        _callRate.CallsPerSecond,
        _telemetry.StorageBatches,
        _telemetry.StorageOperations,
        _telemetry.LastStorageBatchMilliseconds,
        _streams.MaxLag(),
        _storage.Backend.Name);

    public async ValueTask DisposeAsync()
    {
        _callRate.Dispose();
        await _catalog.DisposeAsync();
        await _streams.DisposeAsync();
        await _reminders.DisposeAsync();
        // After a kill this still waits for the batch in flight, so the backend is not closed under it.
        await _storage.DisposeAsync();
    }
}

/// <summary>The runtime's figures at one moment.</summary>
/// <param name="ActivationsByType">Live activations per grain type.</param>
/// <param name="Activations">Live activations in all.</param>
/// <param name="TotalCalls">Grain calls completed since start.</param>
/// <param name="CallsPerSecond">Grain calls completed in the last second.</param>
/// <param name="StorageBatches">Group-committed batches since start.</param>
/// <param name="StorageOperations">Writes in those batches.</param>
/// <param name="LastStorageBatchMilliseconds">How long the last batch took to commit.</param>
/// <param name="StreamLag">Items the furthest-behind stream consumer has yet to receive.</param>
/// <param name="StorageBackend">The storage in use.</param>
public sealed record RuntimeStatistics(
    IReadOnlyDictionary<string, int> ActivationsByType,
    int Activations,
    long TotalCalls,
    double CallsPerSecond,
    long StorageBatches,
    long StorageOperations,
    double LastStorageBatchMilliseconds,
    long StreamLag,
    string StorageBackend);

/// <summary>What <see cref="Silo.CheckStorageAsync"/> found.</summary>
/// <param name="Ready">Whether storage answered with the expected schema.</param>
/// <param name="Backend">The storage backend's name.</param>
/// <param name="SchemaVersion">The schema version storage reported; null when it did not answer.</param>
/// <param name="ExpectedSchemaVersion">The schema version the silo migrated storage to at start.</param>
/// <param name="Problem">Why it is not ready; null when it is.</param>
public sealed record StorageHealth(bool Ready, string Backend, int? SchemaVersion, int ExpectedSchemaVersion, string? Problem);
