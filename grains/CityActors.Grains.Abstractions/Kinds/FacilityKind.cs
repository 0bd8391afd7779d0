namespace CityActors.Grains.Kinds;

/// <summary>A kind of facility, as data: its statuses, its readings, when silence means offline, its alarm rules.</summary>
/// <param name="Id">Short stable id: <c>school</c>, <c>traffic-signal</c>.</param>
/// <param name="Name">Ukrainian name, as the city's documents write it.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Statuses">The statuses a facility of this kind reports; the first is the one it starts in.</param>
/// <param name="Readings">The readings it may report, each with its unit and valid range.</param>
/// <param name="OfflineAfter">No report for this long raises the <c>offline</c> alarm, at exactly that moment.</param>
/// <param name="OfflineSeverity">How serious silence is for this kind.</param>
/// <param name="Alarms">Alarms raised by the facility's own reports.</param>
/// <param name="RemindEvery">How often an unacknowledged critical alarm is raised again.</param>
public sealed record FacilityKind(
    string Id,
    string Name,
    string NameEn,
    IReadOnlyList<StatusDefinition> Statuses,
    IReadOnlyList<ReadingDefinition> Readings,
    TimeSpan OfflineAfter,
    Alarms.AlarmSeverity OfflineSeverity,
    IReadOnlyList<AlarmRule> Alarms,
    TimeSpan RemindEvery)
{
    public StatusDefinition? FindStatus(string code)
    {
        foreach (var status in Statuses)
        {
            if (status.Code == code)
                return status;
        }
        return null;
    }

    public ReadingDefinition? FindReading(string name)
    {
        foreach (var reading in Readings)
        {
            if (reading.Name == name)
                return reading;
        }
        return null;
    }
}

/// <summary>One status of a kind.</summary>
/// <param name="Code">What devices and departments send: <c>open</c>, <c>dark</c>.</param>
/// <param name="Name">Ukrainian label.</param>
/// <param name="NameEn">English label.</param>
/// <param name="Available">Whether the facility does its job in this status; availability figures count the time it does not.</param>
public sealed record StatusDefinition(string Code, string Name, string NameEn, bool Available);

/// <summary>One reading of a kind, with its unit and the range a valid value lies in (inclusive).</summary>
public sealed record ReadingDefinition(string Name, string Unit, double Min, double Max, ReadingType Type = ReadingType.Number);

public enum ReadingType
{
    /// <summary>Any value in the range.</summary>
    Number,

    /// <summary>A whole number in the range, such as people in a shelter.</summary>
    Whole,

    /// <summary>0 (no, off, closed) or 1 (yes, on, open).</summary>
    Flag,
}

/// <summary>An alarm a facility's reports raise while a condition holds, and clear when it no longer does.</summary>
/// <remarks>
/// The condition is every part that is given: the status is one of <paramref name="WhenStatusIn"/>, and the
/// reading <paramref name="Reading"/> is below <paramref name="Below"/> or above <paramref name="Above"/>.
/// </remarks>
public sealed record AlarmRule(
    string Type,
    string Message,
    Alarms.AlarmSeverity Severity,
    IReadOnlyList<string>? WhenStatusIn = null,
    string? Reading = null,
    double? Below = null,
    double? Above = null);
