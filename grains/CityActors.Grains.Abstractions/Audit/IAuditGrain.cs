namespace CityActors.Grains.Audit;

/// <summary>The audit of one day's writes through the API (key: <c>{city}/{yyyy-MM-dd}</c>, a UTC day): who, when, from where, what.</summary>
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>Appends entries; they are durable when this returns. An entry whose <see cref="AuditEntry.Id"/> the day already holds is skipped, so a retried append adds nothing twice.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries);

    /// <summary>The day's entries that match, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter);

    public static string Key(string city, DateTimeOffset at) => $"{city}/{at.UtcDateTime:yyyy-MM-dd}";
}

/// <summary>One write request as the API saw it.</summary>
/// <param name="KeyId">The API key used; <c>bootstrap</c> for the configured first admin key.</param>
/// <param name="Who">The key's holder.</param>
/// <param name="From">The client's address.</param>
/// <param name="Action">What was asked: <c>facility.status</c>, <c>facility.batch</c>, <c>alarm.acknowledge</c>, <c>key.create</c>, …</param>
/// <param name="Target">What it was asked of: a facility, project or key id; null for many.</param>
/// <param name="Status">The HTTP status it was answered with.</param>
/// <param name="What">What changed (or why nothing did), in a line.</param>
/// <param name="Changes">The fields the request changed, each with its value before and after.</param>
/// <param name="Id">Unique per entry: an append retried after a lost answer is recognised by it.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string KeyId,
    string Who,
    string Role,
    string? Department,
    string From,
    string Method,
    string Path,
    string Action,
    string? Target,
    int Status,
    string What,
    IReadOnlyList<AuditChange>? Changes = null,
    string? Id = null);

/// <summary>One field a write changed: its value before and after, as text; null where there was none.</summary>
/// <param name="Field">A path such as <c>name</c>, <c>location.latitude</c>, <c>readings.temperature</c>, <c>alarms.dark.state</c>.</param>
public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>Which entries to list; filters left null match everything.</summary>
public sealed record AuditFilter(DateTimeOffset From, DateTimeOffset To, string? KeyId = null, string? Action = null, string? Target = null, string? Department = null)
{
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.At >= From && entry.At < To
            && (KeyId is null || entry.KeyId == KeyId)
            && (Action is null || entry.Action == Action)
            && (Target is null || entry.Target == Target)
            && (Department is null || entry.Department == Department);
    }
}
