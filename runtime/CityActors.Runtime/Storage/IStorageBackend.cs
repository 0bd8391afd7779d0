namespace CityActors.Runtime.Storage;

/// <summary>One durable store (SQLite, PostgreSQL, memory): grain state, journals and streams, reminders, cursors.</summary>
/// <remarks>
/// The runtime drives a backend from one writer at a time (the group committer), so a backend needs no
/// locking of its own for writes; reads may run concurrently with a commit.
/// Grain type and key are stored as separate text columns: grains of different types that share a key never
/// meet, and keys stay strings.
/// </remarks>
public interface IStorageBackend : IAsyncDisposable
{
    /// <summary>Short name for logs and metrics: <c>sqlite</c>, <c>postgres</c>, <c>memory</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema to the current version and returns the largest stored event position (0 when empty).</summary>
    Task<long> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The schema version the store is at after <see cref="InitializeAsync"/>.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Applies the operations in one transaction, marking each conflict on its operation.</summary>
    Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken);

    Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>The grain's journal events with <paramref name="fromVersion"/> &lt; version &lt;= <paramref name="toVersion"/>, in version order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grainId, long fromVersion, long toVersion, CancellationToken cancellationToken);

    /// <summary>The grain's journal events with <paramref name="from"/> &lt;= timestamp &lt; <paramref name="to"/>, in version order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadJournalByTimeAsync(GrainId grainId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The grain's current journal version (0 when it has none).</summary>
    Task<long> ReadJournalVersionAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Events published on any stream of <paramref name="streamNamespace"/> with
    /// <paramref name="afterPosition"/> &lt; position &lt;= <paramref name="upToPosition"/>, in position order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamNamespace, long afterPosition, long upToPosition, int maxCount, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamCursor>> ReadCursorsAsync(CancellationToken cancellationToken);
}
