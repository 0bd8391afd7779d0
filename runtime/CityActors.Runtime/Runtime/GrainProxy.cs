using System.Reflection;

namespace CityActors.Runtime;

/// <summary>A grain reference: the object behind every grain interface handed out by <see cref="IGrainFactory"/>.</summary>
/// <remarks>Public only because proxy types are generated over it; it is not meant to be used directly.</remarks>
public class GrainProxy : DispatchProxy
{
    Catalog? _catalog;

    /// <summary>The grain this reference points to.</summary>
    public GrainId GrainId { get; private set; }

    /// <summary>A new reference of the same proxy type, to be initialized.</summary>
    internal GrainProxy Copy() => (GrainProxy)MemberwiseClone();

    internal void Initialize(Catalog catalog, GrainId grainId)
    {
        _catalog = catalog;
        GrainId = grainId;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
            return targetMethod.Invoke(this, args);
        return _catalog!.InvokeFromProxy(GrainId, targetMethod, args ?? []);
    }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainProxy other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();
}
