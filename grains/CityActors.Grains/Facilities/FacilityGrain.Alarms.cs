using CityActors.Grains.Alarms;

namespace CityActors.Grains.Facilities;

/// <summary>Operators' alarm commands: raised → acknowledged → cleared, each with who and when.</summary>
public sealed partial class FacilityGrain
{
    public async Task AcknowledgeAlarmAsync(string alarmType, ChangeContext change)
    {
        ChangeValidation.Validate(change);
        _raised.Clear();
        var alarm = ActiveAlarm(alarmType);
        if (alarm.State == AlarmState.Acknowledged)
            return;
        Raise(new AlarmAcknowledged(alarmType, alarm.Severity) { Subject = Key, Change = ChangeInfo.From(change with { ObservedAt = null }, time.GetUtcNow()) });
        await ConfirmAsync(await KindAsync(State.Registration!.Kind));
    }

    public async Task ClearAlarmAsync(string alarmType, ChangeContext change)
    {
        ChangeValidation.Validate(change);
        _raised.Clear();
        var alarm = ActiveAlarm(alarmType);
        if (alarmType == Alarm.Offline)
            throw new ValidationException("alarmType", "the offline alarm clears itself when the facility reports again.");
        Raise(new AlarmCleared(alarmType, alarm.Severity) { Subject = Key, Change = ChangeInfo.From(change with { ObservedAt = null }, time.GetUtcNow()) });
        await ConfirmAsync(await KindAsync(State.Registration!.Kind));
    }

    Alarm ActiveAlarm(string alarmType)
        => State.FindAlarm(alarmType) ?? throw new ValidationException("alarmType", $"facility '{Key}' has no active alarm '{alarmType}'.");
}
