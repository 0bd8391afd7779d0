using System.Text.Json.Serialization;
using CityActors.Grains.Stored;
using CityActors.Runtime.Streams;

namespace CityActors.Grains;

/// <summary>The base of every event on the city's stream: what happened to which grain, who did it, when and why.</summary>
/// <remarks>
/// Events are stored as JSON under their concrete type's name, so each grain has its own base record
/// (<c>FacilityEvent</c>, <c>ProjectEvent</c>, …) with sealed records under it. Renaming one breaks stored journals.
/// </remarks>
public abstract record CityEvent
{
    /// <summary>The namespace of the city streams; the stream key is the city's name.</summary>
    public const string StreamNamespace = "city-events";

    /// <summary>The key of the grain whose journal holds the event.</summary>
    public required string Subject { get; init; }

    public required ChangeInfo Change { get; init; }

    public static StreamId Stream(string city) => new(StreamNamespace, city);
}

/// <summary>Who made a change, when it happened and when the city learned of it, why, and its idempotency key.</summary>
[JsonConverter(typeof(ChangeInfoJson))]
public sealed record ChangeInfo(string Source, string Id, string By, string? Reason, DateTimeOffset ObservedAt, DateTimeOffset ReceivedAt)
{
    /// <summary>The source of changes the city makes itself: offline detection, reminders, alarm rules.</summary>
    public const string SystemSource = "urn:cityactors:system";

    public static ChangeInfo From(ChangeContext change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Source, change.Id, change.By ?? change.Source, change.Reason, change.ObservedAt ?? now, now);
    }

    public static ChangeInfo System(string id, string reason, DateTimeOffset observedAt, DateTimeOffset now)
        => new(SystemSource, id, "system", reason, observedAt, now);
}
