using CityActors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CityActors.Runtime.Storage;

/// <summary>A named storage of the silo: its backend, its group committer and its serializer.</summary>
public sealed class GrainStorage : IAsyncDisposable
{
    /// <summary>The name every silo's storage answers to, as Orleans's default storage provider does.</summary>
    public const string DefaultName = "Default";

    readonly StorageCommitter _committer;
    readonly RuntimeTelemetry _telemetry;

    internal GrainStorage(string name, IStorageBackend backend, StorageSerializer serializer, RuntimeTelemetry telemetry, ILogger logger)
    {
        Name = name;
        Backend = backend;
        Serializer = serializer;
        _telemetry = telemetry;
        _committer = new StorageCommitter(backend, telemetry, logger);
    }

    public string Name { get; }
    public IStorageBackend Backend { get; }
    public StorageSerializer Serializer { get; }

    /// <summary>The largest event position committed so far.</summary>
    public long HighWaterMark => _committer.HighWaterMark;

    internal StorageCommitter Committer => _committer;

    /// <summary>Migrates the schema and starts the committer.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var highWaterMark = await Backend.InitializeAsync(cancellationToken);
        _committer.Start(highWaterMark);
    }

    /// <summary>Writes one operation durably, in the next group-committed batch.</summary>
    /// <remarks>When traced, the write is a span under the calling grain's span that ends when the write is durable.</remarks>
    public Task CommitAsync(StorageOperation operation)
    {
        var activity = _telemetry.StartStorageWrite(Backend.Name, operation);
        var commit = _committer.CommitAsync(operation);
        return activity is null ? commit : TraceAsync(commit, activity);
    }

    static async Task TraceAsync(Task commit, System.Diagnostics.Activity activity)
    {
        using (activity)
        {
            try
            {
                await commit;
            }
            catch (Exception exception)
            {
                activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
                throw;
            }
        }
    }

    /// <summary>Microsecond-truncated UTC time, the precision every backend keeps.</summary>
    public static DateTimeOffset StorageTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    internal Task StopAsync() => _committer.FlushAndStopAsync();

    internal void Kill() => _committer.Kill();

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
