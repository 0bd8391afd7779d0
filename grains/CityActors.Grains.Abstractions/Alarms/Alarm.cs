namespace CityActors.Grains.Alarms;

public enum AlarmSeverity
{
    Info,
    Warning,
    Critical,
}

public enum AlarmState
{
    Raised,
    Acknowledged,
    Cleared,
}

/// <summary>One alarm of a facility: at most one is active per facility and type.</summary>
/// <param name="Type">The alarm type: <c>offline</c> or the type of a kind's rule.</param>
/// <param name="Reminders">How many times it was raised again while nobody acknowledged it.</param>
public sealed record Alarm(
    string Type,
    AlarmSeverity Severity,
    string Message,
    AlarmState State,
    DateTimeOffset RaisedAt,
    string RaisedBy,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? ClearedAt = null,
    string? ClearedBy = null,
    int Reminders = 0,
    DateTimeOffset? RemindedAt = null)
{
    /// <summary>The type of the alarm raised when a facility stays silent too long.</summary>
    public const string Offline = "offline";
}

/// <summary>How many active alarms there are of each severity.</summary>
public readonly record struct AlarmCounts(int Critical, int Warning, int Info)
{
    public int Total => Critical + Warning + Info;

    public AlarmCounts Add(AlarmSeverity severity, int delta) => severity switch
    {
        AlarmSeverity.Critical => this with { Critical = Critical + delta },
        AlarmSeverity.Warning => this with { Warning = Warning + delta },
        _ => this with { Info = Info + delta },
    };

    public static AlarmCounts operator +(AlarmCounts a, AlarmCounts b) => new(a.Critical + b.Critical, a.Warning + b.Warning, a.Info + b.Info);

    public static AlarmCounts operator -(AlarmCounts a, AlarmCounts b) => new(a.Critical - b.Critical, a.Warning - b.Warning, a.Info - b.Info);
}
