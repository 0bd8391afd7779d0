using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;

namespace CityActors.Grains.Alarms;

/// <summary>Which of a kind's alarm rules hold for a facility's state, and so which alarms to raise and to clear.</summary>
public static class AlarmRules
{
    public static bool Holds(AlarmRule rule, FacilityState state)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        if (rule.WhenStatusIn is { Count: > 0 } statuses && !statuses.Contains(state.Status))
            return false;
        if (rule.Reading is null)
            return true;
        if (!state.Readings.TryGetValue(rule.Reading, out var reading))
            return false;
        return (rule.Below is { } below && reading.Value < below) || (rule.Above is { } above && reading.Value > above);
    }

    /// <summary>The alarm events that bring the active alarms in line with the rules: raise what holds, clear what no longer does.</summary>
    /// <remarks>The offline alarm is not a rule's: only a report clears it. Alarms of rules the kind no longer has are cleared.</remarks>
    public static IEnumerable<FacilityEvent> Evaluate(FacilityKind kind, FacilityState state, string subject, ChangeInfo change)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        foreach (var rule in kind.Alarms)
        {
            var active = state.FindAlarm(rule.Type);
            var holds = Holds(rule, state);
            if (holds && active is null)
                yield return new AlarmRaised(rule.Type, rule.Severity, rule.Message) { Subject = subject, Change = change };
            else if (!holds && active is not null)
                yield return new AlarmCleared(rule.Type, active.Severity) { Subject = subject, Change = change };
        }
        foreach (var alarm in state.Alarms)
        {
            if (alarm.Type != Alarm.Offline && kind.Alarms.All(r => r.Type != alarm.Type))
                yield return new AlarmCleared(alarm.Type, alarm.Severity) { Subject = subject, Change = change };
        }
    }
}
