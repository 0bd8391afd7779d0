namespace CityActors.Grains;

/// <summary>Who asks for a change, why, and its idempotency key: CloudEvents <c>source</c> + <c>id</c>.</summary>
/// <param name="Source">Where the change comes from, such as <c>urn:zhytomyr:education/api-client-3</c>.</param>
/// <param name="Id">Unique within <paramref name="Source"/>; the same source and id twice is the same change.</param>
/// <param name="By">The person or system acting; the source when not given.</param>
/// <param name="Reason">Why, in free text.</param>
/// <param name="ObservedAt">When it happened, if not now (an import of older data).</param>
public sealed record ChangeContext(string Source, string Id, string? By = null, string? Reason = null, DateTimeOffset? ObservedAt = null);
