namespace CityActors.Runtime;

/// <summary>Lets the grain's calls interleave at every await: another call may start while one waits.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Lets calls to this interface method interleave with any other call, on any grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>Declares that the method changes no state, so it may interleave with other read-only calls.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Names the grain type, the first part of a <see cref="GrainId"/>.</summary>
/// <remarks>Without it, the class name less its <c>Grain</c> suffix, lower-cased: <c>FacilityGrain</c> is <c>facility</c>.</remarks>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}

/// <summary>How long an activation of this class may stay idle before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public double Days { get; init; }
    public double Hours { get; init; }
    public double Minutes { get; init; }
    public bool AlwaysActive { get; init; }

    public TimeSpan Amount => AlwaysActive ? Timeout.InfiniteTimeSpan : TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes);
}

/// <summary>Injects an <see cref="Storage.IPersistentState{TState}"/> into a grain constructor parameter.</summary>
/// <param name="stateName">The name of the state, unique within the grain.</param>
/// <param name="storageName">The storage provider; null for the default.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}

/// <summary>Subscribes every grain of this class to the streams of a namespace: the stream key is the grain key.</summary>
/// <remarks>The class must implement <see cref="Streams.IAsyncBatchObserver{T}"/> for the stream's item type.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}
