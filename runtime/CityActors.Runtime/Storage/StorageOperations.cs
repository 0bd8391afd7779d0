namespace CityActors.Runtime.Storage;

/// <summary>One write that the group committer hands to a backend; the backend reports how it went.</summary>
/// <remarks>
/// A backend applies a whole batch of operations in one transaction. An operation whose ETag or version
/// check fails is marked <see cref="StorageOperation.Conflict"/> and changes nothing, while the rest of the
/// batch still commits. An exception from <see cref="IStorageBackend.CommitAsync"/> means nothing of the batch
/// was committed.
/// </remarks>
public abstract class StorageOperation
{
    /// <summary>Set by the backend when a concurrency check failed; the operation wrote nothing.</summary>
    public bool Conflict { get; set; }

    /// <summary>With <see cref="Conflict"/>: what the store holds now, for the error message.</summary>
    public string? CurrentETag { get; set; }
}

/// <summary>Writes a grain's named state if the stored ETag still equals <see cref="ExpectedETag"/>.</summary>
/// <remarks>
/// ETags are decimal version numbers. <see cref="ExpectedETag"/> null means "the record must not exist";
/// <see cref="AnyETag"/> writes unconditionally. On success the backend sets <see cref="NewETag"/>.
/// </remarks>
public sealed class WriteStateOperation(GrainId grainId, string stateName, string? expectedETag, byte[] payload) : StorageOperation
{
    public const string AnyETag = "*";

    public GrainId GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public string? ExpectedETag { get; } = expectedETag;
    public byte[] Payload { get; } = payload;
    public string? NewETag { get; set; }
}

/// <summary>Deletes a grain's named state if the stored ETag equals <see cref="ExpectedETag"/>.</summary>
/// <remarks>
/// Clearing a record that does not exist with a null ETag succeeds and changes nothing. A clear always names the
/// version it removes: <see cref="WriteStateOperation.AnyETag"/> is not accepted here and is reported as a conflict.
/// </remarks>
public sealed class ClearStateOperation(GrainId grainId, string stateName, string? expectedETag) : StorageOperation
{
    public GrainId GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public string? ExpectedETag { get; } = expectedETag;
}

/// <summary>Appends events to a grain's journal (or, with no grain, to a stream only).</summary>
/// <remarks>
/// Events of a grain carry versions <c>ExpectedVersion + 1 …</c>; if any of those versions is already stored
/// the whole operation is a conflict and nothing of it is written. Positions are assigned by the committer
/// before the batch reaches the backend and are unique and increasing across the whole store.
/// </remarks>
public sealed class AppendEventsOperation(GrainId? grainId, long expectedVersion, IReadOnlyList<StoredEvent> events) : StorageOperation
{
    public GrainId? GrainId { get; } = grainId;
    public long ExpectedVersion { get; } = expectedVersion;
    /// <summary>The events; the committer gives each its position before the batch reaches the backend.</summary>
    public IReadOnlyList<StoredEvent> Events { get; } = events;
}

/// <summary>Creates or replaces a durable reminder.</summary>
public sealed class UpsertReminderOperation(ReminderEntry reminder) : StorageOperation
{
    public ReminderEntry Reminder { get; } = reminder;
}

/// <summary>Deletes a durable reminder; deleting one that does not exist succeeds.</summary>
public sealed class DeleteReminderOperation(GrainId grainId, string name) : StorageOperation
{
    public GrainId GrainId { get; } = grainId;
    public string Name { get; } = name;
}

/// <summary>Records how far a stream consumer has been delivered (it never moves backwards).</summary>
public sealed class UpsertCursorOperation(StreamCursor cursor) : StorageOperation
{
    public StreamCursor Cursor { get; } = cursor;
}

/// <summary>A grain's named state as stored.</summary>
public sealed record StoredState(string ETag, byte[] Payload);

/// <summary>One event of the journal, which is also the durable stream.</summary>
/// <param name="Position">Unique, increasing across the store; the stream sequence token.</param>
/// <param name="GrainId">The grain whose journal holds it; null for an item sent straight to a stream.</param>
/// <param name="Version">The grain's journal version after this event (1 for the first); 0 for a stream-only item.</param>
/// <param name="Timestamp">When it was accepted (UTC).</param>
/// <param name="StreamNamespace">The stream it is published on, if any.</param>
/// <param name="StreamKey">The stream key, if any.</param>
/// <param name="EventType">The CLR type name the payload deserializes to.</param>
/// <param name="Payload">UTF-8 JSON.</param>
public sealed record StoredEvent(
    long Position,
    GrainId? GrainId,
    long Version,
    DateTimeOffset Timestamp,
    string? StreamNamespace,
    string? StreamKey,
    string EventType,
    byte[] Payload)
{
    /// <summary>The position; an event handed to the committer gets it there, in commit order.</summary>
    public long Position { get; internal set; } = Position;

    /// <summary>The object the payload was serialized from, when this silo wrote it; never stored.</summary>
    /// <remarks>
    /// Live delivery hands it to consumers instead of deserializing the payload again, so stream items must be immutable
    /// (as with Orleans's <c>[Immutable]</c>): every consumer of an item sees the same instance. Items read back from
    /// storage have none and are deserialized.
    /// </remarks>
    public object? Item { get; init; }
}

/// <summary>A durable reminder: it first fires at <paramref name="StartAt"/>, then every <paramref name="Period"/>.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period);

/// <summary>How far <paramref name="Consumer"/> has been delivered events of one stream namespace and key.</summary>
public sealed record StreamCursor(GrainId Consumer, string StreamNamespace, string StreamKey, long Position);
