namespace CityActors.Runtime;

/// <summary>Key access in the Orleans manner.</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain or grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain switch
    {
        Grain g => g.GrainId.Key,
        GrainProxy proxy => proxy.GrainId.Key,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType().Name} is not a grain or grain reference.", nameof(grain)),
    };

    /// <summary>The grain id behind a grain or grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        Grain g => g.GrainId,
        GrainProxy proxy => proxy.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType().Name} is not a grain or grain reference.", nameof(grain)),
    };
}
