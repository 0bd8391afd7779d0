using System.Collections.Concurrent;
using System.Reflection;

namespace CityActors.Runtime;

/// <summary>Hands out grain references and observer references.</summary>
internal sealed class GrainFactory(Catalog catalog) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var info = catalog.Registry.GetByInterface(typeof(TGrainInterface));
        return Proxy<TGrainInterface>(new GrainId(info.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
    {
        var info = catalog.Registry.GetByGrainType(grainId.Type);
        if (!typeof(TGrainInterface).IsAssignableFrom(info.ClrType))
            throw new ArgumentException($"Grain type '{grainId.Type}' ({info.ClrType.Name}) does not implement {typeof(TGrainInterface).Name}.", nameof(grainId));
        return Proxy<TGrainInterface>(grainId);
    }

    /// <summary>
    /// A reference is a copy of an unused one of the interface's proxy type: creating a proxy goes through reflection
    /// (a constructor bound at run time), copying one is an allocation.
    /// </summary>
    static readonly ConcurrentDictionary<Type, GrainProxy> s_prototypes = new();

    TGrainInterface Proxy<TGrainInterface>(GrainId grainId)
    {
        var prototype = s_prototypes.GetOrAdd(typeof(TGrainInterface), static type => (GrainProxy)DispatchProxy.Create(type, typeof(GrainProxy)));
        var proxy = prototype.Copy();
        proxy.Initialize(catalog, grainId);
        return (TGrainInterface)(object)proxy;
    }

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is not TGrainObserverInterface)
            throw new ArgumentException($"{obj.GetType().Name} does not implement {typeof(TGrainObserverInterface).Name}.", nameof(obj));
        var proxy = DispatchProxy.Create(typeof(TGrainObserverInterface), typeof(ObserverProxy));
        ((ObserverProxy)proxy).Initialize(obj, catalog);
        return (TGrainObserverInterface)proxy;
    }
}

/// <summary>A reference to a local observer: calls are queued and delivered one at a time, in order, off the caller's turn.</summary>
public class ObserverProxy : DispatchProxy
{
    static readonly ConcurrentDictionary<MethodInfo, Func<object, object?[], Task>> s_invokers = new();
    readonly SerialQueue _queue = new();
    object? _target;
    Catalog? _catalog;

    internal void Initialize(object target, Catalog catalog)
    {
        _target = target;
        _catalog = catalog;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
            return targetMethod.Invoke(_target, args);
        var invoke = s_invokers.GetOrAdd(targetMethod, static m => (target, a) => m.Invoke(target, a) switch
        {
            Task task => task,
            ValueTask valueTask => valueTask.AsTask(),
            _ => Task.CompletedTask,
        });
        var target = _target!;
        var arguments = args ?? [];
        var logger = _catalog!.Logger;
        _queue.Enqueue(async () =>
        {
            try
            {
                await invoke(target, arguments);
            }
            catch (Exception exception)
            {
                RuntimeLog.ObserverFailed(logger, exception, targetMethod.Name);
            }
        });
        // Observer calls do not wait for the observer: a slow dashboard must never hold up a grain.
        return targetMethod.ReturnType == typeof(ValueTask) ? ValueTask.CompletedTask : Task.CompletedTask;
    }

    public override bool Equals(object? obj) => obj is ObserverProxy other && ReferenceEquals(other._target, _target);

    public override int GetHashCode() => _target?.GetHashCode() ?? 0;
}
