namespace CityActors.Runtime;

/// <summary>Marks something that can be addressed through the runtime: a grain or an observer.</summary>
public interface IAddressable;

/// <summary>Marks a grain interface.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain interface whose grains are keyed by a string.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>Marks an observer interface: an object outside grains that grains call back.</summary>
public interface IGrainObserver : IAddressable;

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called when the reminder named <paramref name="reminderName"/> is due.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
