using CityActors.Grains.Facilities;

namespace CityActors.Grains.Alarms;

/// <summary>An alarm was raised; <see cref="Alarm.Offline"/> marks the facility offline.</summary>
public sealed record AlarmRaised(string Type, AlarmSeverity Severity, string Message) : FacilityEvent;

public sealed record AlarmAcknowledged(string Type, AlarmSeverity Severity) : FacilityEvent;

/// <summary>An alarm was cleared: by an operator, by the facility's report, or because its condition ended.</summary>
public sealed record AlarmCleared(string Type, AlarmSeverity Severity) : FacilityEvent;

/// <summary>An unacknowledged critical alarm was raised again; <paramref name="Reminder"/> counts from 1.</summary>
public sealed record AlarmReminded(string Type, AlarmSeverity Severity, int Reminder) : FacilityEvent;
