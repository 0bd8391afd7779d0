namespace CityActors.Grains.Audit;

/// <summary>The audit of one day's writes through the API (key: <c>{city}/{yyyy-MM-dd}</c>, a UTC day): who, when, from where, what.</summary>
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>Appends entries; they are durable when this returns.</summary>
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
    string What);

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
