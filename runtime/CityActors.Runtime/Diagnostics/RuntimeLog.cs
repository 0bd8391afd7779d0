using Microsoft.Extensions.Logging;

namespace CityActors.Runtime;

/// <summary>The runtime's log messages, generated so that hot paths cost nothing when the level is off.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Activation of {GrainId} failed; its queued calls fail with the same exception")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Error, "A turn of {GrainId} threw outside any call")]
    public static partial void TurnFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(4, LogLevel.Warning, "Call {Method} to {GrainId} timed out after {Timeout}")]
    public static partial void CallTimedOut(ILogger logger, string method, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Warning, "Observer call {Method} failed")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(6, LogLevel.Warning, "Timer callback of {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(7, LogLevel.Error, "Storage batch of {Count} operations on {Backend} failed")]
    public static partial void StorageBatchFailed(ILogger logger, Exception exception, int count, string backend);

    [LoggerMessage(8, LogLevel.Warning, "Reminder {Reminder} of {GrainId} failed")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string reminder, GrainId grainId);

    [LoggerMessage(9, LogLevel.Warning, "Delivery of stream {Namespace}/{Key} to {Consumer} failed; it is retried")]
    public static partial void StreamDeliveryFailed(ILogger logger, Exception exception, string @namespace, string key, GrainId consumer);

    [LoggerMessage(10, LogLevel.Information, "Silo started on {Backend} storage with {GrainTypes} grain types")]
    public static partial void SiloStarted(ILogger logger, string backend, int grainTypes);

    [LoggerMessage(11, LogLevel.Warning, "ETag conflict on {GrainId} state {StateName}; the activation is deactivated")]
    public static partial void StateConflict(ILogger logger, GrainId grainId, string stateName);

    [LoggerMessage(12, LogLevel.Information, "Silo stopped: {Activations} activations deactivated, streams delivered and storage flushed in {Elapsed}")]
    public static partial void SiloStopped(ILogger logger, int activations, TimeSpan elapsed);

    [LoggerMessage(13, LogLevel.Warning, "Snapshot of the journal of {GrainId} at version {Version} could not be written; its events are stored, and the snapshot is tried again after the next events")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, GrainId grainId, long version);

    [LoggerMessage(14, LogLevel.Warning, "Silo stop ran out of time after {Elapsed}: {Calls} calls still running or queued were failed")]
    public static partial void SiloStopTimedOut(ILogger logger, int calls, TimeSpan elapsed);
}
