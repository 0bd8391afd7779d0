using CityActors.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime;

/// <summary>The base class of every grain: its identity, its lifecycle, its timers.</summary>
/// <remarks>
/// Grain code runs one turn at a time on its activation, so it needs no locks; an await inside a
/// non-reentrant grain lets no other call in until the current one completes.
/// </remarks>
public abstract class Grain
{
    readonly ActivationData _activation;

    protected Grain()
    {
        _activation = ActivationData.UnderConstruction
            ?? throw new InvalidOperationException($"{GetType().Name} must be activated by the runtime, not constructed directly.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Catalog.GrainFactory;

    protected IServiceProvider ServiceProvider => _activation.Catalog.Services;

    internal ActivationData Activation => _activation;

    /// <summary>Called inside the turn when a call on this grain ended in an exception.</summary>
    internal virtual void OnCallFailed()
    {
    }

    /// <summary>Called once before the first call is delivered; a failure fails the queued calls with it.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is collected or deactivated; not called when the process dies.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation as soon as the current call completes.</summary>
    protected void DeactivateOnIdle() => _activation.DeactivateOnIdle();

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose callback runs as a turn of this activation.</summary>
    /// <remarks>
    /// The next tick is scheduled only after the callback completes, so ticks never overlap. Timers die with
    /// the activation; use a reminder for anything that must survive a restart.
    /// </remarks>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(ct => callback(state, ct), options);
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Registers or updates a durable reminder; returns once it is stored.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => _activation.Catalog.Services.GetRequiredService<Reminders.ReminderService>().RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    protected Task<IGrainReminder?> GetReminder(string reminderName)
        => _activation.Catalog.Services.GetRequiredService<Reminders.ReminderService>().GetAsync(GrainId, reminderName);

    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return _activation.Catalog.Services.GetRequiredService<Reminders.ReminderService>().UnregisterAsync(GrainId, reminder.ReminderName);
    }

    /// <summary>Gets the stream provider registered under <paramref name="name"/>.</summary>
    protected Streams.IStreamProvider GetStreamProvider(string name)
        => _activation.Catalog.Services.GetRequiredKeyedService<Streams.IStreamProvider>(name);
}

/// <summary>Why an activation is being deactivated.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}

public enum DeactivationReasonCode
{
    None,
    ApplicationRequested,
    ActivationIdle,
    ShuttingDown,
    ApplicationError,
}

/// <summary>A durable reminder of one grain.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }
}
