using CityActors.Grains.Alarms;
using CityActors.Grains.Kinds;
using CityActors.Runtime.Timers;

namespace CityActors.Grains.Facilities;

/// <summary>Offline detection, last-seen, and the reminders of unacknowledged critical alarms.</summary>
/// <remarks>
/// <para>
/// Offline detection is a grain timer due at exactly last-seen + the kind's <c>OfflineAfter</c>, so the alarm is raised
/// at N to the second (and stamped with that moment as its observed time), not at N plus a polling interval.
/// Reports do not move the timer: when it fires early because reports came in meanwhile, it re-arms itself for the
/// remaining time. That costs one timer tick per N instead of one timer change per report, with the same precision.
/// </para>
/// <para>
/// A grain timer dies with its activation, so while one is pending the activation must stay:
/// <see cref="Grain.DelayDeactivation"/> keeps it until just after the deadline, and every tick extends that. Once the
/// facility is offline nothing is pending and the activation may be collected; its next report brings it back.
/// Reminders are durable but cost a storage write to move, too much for every report; so a durable reminder only
/// guards against a silo restart or kill, when no timer exists: <c>offline-watch</c>, held only while the facility is
/// online, is always due no later than the offline deadline (last-seen only moves on, so a deadline once stored can only
/// be early), and at most 15 minutes ahead. Each tick moves it to the deadline as it then stands: one write per N (or
/// per 15 minutes) instead of one per report. A silo that starts after the deadline finds the reminder overdue and
/// delivers it at once; the tick raises offline, stamped with the deadline, without waiting for the next report.
/// </para>
/// </remarks>
public sealed partial class FacilityGrain
{
    const string WatchReminder = "offline-watch";
    const string RemindPrefix = "remind:";
    static readonly TimeSpan s_watchPeriod = TimeSpan.FromMinutes(15);
    static readonly TimeSpan s_keepAliveMargin = TimeSpan.FromMinutes(1);
    static readonly TimeSpan s_retry = TimeSpan.FromSeconds(10);

    IGrainTimer? _offlineTimer;
    DateTimeOffset? _timerDue;
    DateTimeOffset _lastSeen;

    /// <summary>When the facility goes offline if nothing more arrives; null when it is offline or not registered.</summary>
    DateTimeOffset? OfflineAt => State.Registration is null || State.Offline || _kind is null ? null : _lastSeen + _kind.OfflineAfter;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastSeen = State.LastReceivedAt >= seen.State.LastSeenAt ? State.LastReceivedAt : seen.State.LastSeenAt;
        if (State.Registration is { } registration)
        {
            await KindAsync(registration.Kind);
            ArmOfflineTimer();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Only heartbeats leave last-seen newer than the journal; store it so the next activation starts from it.
        if (State.Registration is not null && _lastSeen > seen.State.LastSeenAt && _lastSeen > State.LastReceivedAt)
        {
            seen.State = new LastSeenState { LastSeenAt = _lastSeen };
            await seen.WriteStateAsync();
        }
    }

    async Task StartWatchingAsync()
    {
        _lastSeen = State.LastReceivedAt;
        ArmOfflineTimer();
        await WatchAsync();
    }

    /// <summary>Moves the durable <c>offline-watch</c> to the offline deadline as it stands now, or 15 minutes ahead if that is sooner.</summary>
    async Task WatchAsync()
    {
        if (OfflineAt is not { } deadline)
            return;
        var due = deadline - time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > s_watchPeriod ? s_watchPeriod : due;
        await RegisterOrUpdateReminder(WatchReminder, due, s_watchPeriod);
    }

    /// <summary>The watch is due: past the deadline the facility goes offline now (the timer may not exist yet after a start); before it, the watch moves on.</summary>
    async Task OnWatchAsync()
    {
        if (OfflineAt is not { } deadline)
            return;
        if (deadline <= time.GetUtcNow())
            await CheckOfflineAsync(CancellationToken.None);
        else
            await WatchAsync();
    }

    /// <summary>A report arrived: the facility is alive now. A pending timer is left alone (see remarks).</summary>
    void Seen(DateTimeOffset now)
    {
        _lastSeen = now;
        if (_timerDue is null)
            ArmOfflineTimer();
    }

    /// <summary>Heartbeats are not journaled; storing last-seen every quarter of N bounds what a crash can lose.</summary>
    async Task StoreLastSeenAsync(FacilityKind kind, DateTimeOffset now)
    {
        if (now - seen.State.LastSeenAt < kind.OfflineAfter / 4)
            return;
        seen.State = new LastSeenState { LastSeenAt = now };
        await seen.WriteStateAsync();
    }

    void ArmOfflineTimer() => ArmOfflineTimer(OfflineAt);

    void ArmOfflineTimer(DateTimeOffset? dueAt)
    {
        if (dueAt is not { } at)
        {
            _timerDue = null;
            DelayDeactivation(TimeSpan.Zero);
            return;
        }
        var due = at - time.GetUtcNow();
        if (due < TimeSpan.Zero)
            due = TimeSpan.Zero;
        _timerDue = at;
        if (_offlineTimer is null)
            _offlineTimer = RegisterGrainTimer(CheckOfflineAsync, due, Timeout.InfiniteTimeSpan);
        else
            _offlineTimer.Change(due, Timeout.InfiniteTimeSpan);
        DelayDeactivation(due + s_keepAliveMargin);
    }

    async Task CheckOfflineAsync(CancellationToken cancellationToken)
    {
        _timerDue = null;
        _raised.Clear();
        if (State.Registration is not { } registration || State.Offline)
            return;
        try
        {
            var kind = await KindAsync(registration.Kind);
            var now = time.GetUtcNow();
            var offlineAt = _lastSeen + kind.OfflineAfter;
            if (now < offlineAt)
            {
                ArmOfflineTimer(offlineAt);
                return;
            }
            var change = ChangeInfo.System($"offline:{_lastSeen.UtcTicks}", $"no report for {kind.OfflineAfter}", offlineAt, now);
            var message = $"Немає звітів понад {kind.OfflineAfter.TotalMinutes:0.#} хв (востаннє {KyivCalendar.LocalTime(_lastSeen):dd.MM.yyyy HH:mm:ss})";
            Raise(new AlarmRaised(Alarm.Offline, kind.OfflineSeverity, message) { Subject = Key, Change = change });
            await ConfirmAsync(kind);
            ArmOfflineTimer(null);
        }
        catch
        {
            // Try again soon: a facility whose check failed must still go offline.
            ArmOfflineTimer(time.GetUtcNow() + s_retry);
            throw;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        if (reminderName == WatchReminder)
        {
            await OnWatchAsync();
            return;
        }
        if (!reminderName.StartsWith(RemindPrefix, StringComparison.Ordinal))
            return;
        var type = reminderName[RemindPrefix.Length..];
        if (State.Registration is not { } registration
            || State.FindAlarm(type) is not { State: AlarmState.Raised, Severity: AlarmSeverity.Critical } alarm)
        {
            await ForgetReminderAsync(reminderName);
            return;
        }
        _raised.Clear();
        var kind = await KindAsync(registration.Kind);
        var now = time.GetUtcNow();
        var reminder = alarm.Reminders + 1;
        var change = ChangeInfo.System($"remind:{type}:{alarm.RaisedAt.UtcTicks}:{reminder}", "critical alarm not acknowledged", now, now);
        Raise(new AlarmReminded(type, alarm.Severity, reminder) { Subject = Key, Change = change });
        await ConfirmAsync(kind);
        // Re-registering inside the turn pins the next reminder to exactly RemindEvery from this one. The runtime
        // schedules a reminder's next tick only after the turn, and skips a tick whose time has passed by then.
        await RegisterOrUpdateReminder(reminderName, kind.RemindEvery, kind.RemindEvery);
    }

    /// <summary>An unacknowledged critical alarm is raised again every <see cref="FacilityKind.RemindEvery"/> by a durable reminder.</summary>
    async Task FollowAlarmsAsync(List<FacilityEvent> alarmEvents, FacilityKind kind)
    {
        foreach (var alarmEvent in alarmEvents)
        {
            // Only an online facility has a deadline to watch for: an offline one is woken by its next report.
            if (alarmEvent is AlarmRaised { Type: Alarm.Offline })
                await ForgetReminderAsync(WatchReminder);
            else if (alarmEvent is AlarmCleared { Type: Alarm.Offline })
                await WatchAsync();
            switch (alarmEvent)
            {
                case AlarmRaised { Severity: AlarmSeverity.Critical } raised:
                    await RegisterOrUpdateReminder(RemindPrefix + raised.Type, kind.RemindEvery, kind.RemindEvery);
                    break;
                case AlarmAcknowledged acknowledged:
                    await ForgetReminderAsync(RemindPrefix + acknowledged.Type);
                    break;
                case AlarmCleared cleared:
                    await ForgetReminderAsync(RemindPrefix + cleared.Type);
                    break;
            }
        }
    }

    async Task ForgetReminderAsync(string name)
    {
        if (await GetReminder(name) is { } reminder)
            await UnregisterReminder(reminder);
    }
}
