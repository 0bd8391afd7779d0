using System.Linq.Expressions;
using System.Reflection;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Runtime;

/// <summary>What the runtime knows of one grain class: its type name, how to construct it, how it schedules.</summary>
internal sealed class GrainClassInfo
{
    readonly Func<IServiceProvider, object?[], Grain> _construct;
    readonly PersistentStateParameter[] _states;

    public GrainClassInfo(Type grainClass)
    {
        ClrType = grainClass;
        GrainType = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(grainClass);
        Reentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount;
        ImplicitSubscriptions = [.. grainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.Namespace)];
        BatchObserverItemType = grainClass.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncBatchObserver<>))
            ?.GetGenericArguments()[0];
        if (ImplicitSubscriptions.Length > 0 && BatchObserverItemType is null)
            throw new InvalidOperationException($"{grainClass.Name} has an implicit stream subscription but does not implement IAsyncBatchObserver<T>.");
        (_construct, _states) = CompileConstructor(grainClass);
    }

    public Type ClrType { get; }
    public string GrainType { get; }
    public bool Reentrant { get; }

    /// <summary>The class's own idle limit, if it sets one; <see cref="Timeout.InfiniteTimeSpan"/> for never.</summary>
    public TimeSpan? CollectionAge { get; }

    public string[] ImplicitSubscriptions { get; }
    public Type? BatchObserverItemType { get; }

    /// <summary>The storage names the class's <c>[PersistentState]</c> parameters give, with their state names.</summary>
    public IEnumerable<(string StateName, string StorageName)> NamedStorages
        => _states.Where(s => s.StorageName is not null).Select(s => (s.StateName, s.StorageName!));

    /// <summary>Constructs the grain for an activation, injecting services and persistent states.</summary>
    public Grain Create(ActivationData activation, IServiceProvider services, List<IPersistentStateLoader> states)
    {
        var stateArguments = new object?[_states.Length];
        // The silo has one storage; the registry checked at start that every storage name given is one of its names.
        var storage = _states.Length == 0 ? null : services.GetRequiredService<GrainStorage>();
        for (var i = 0; i < _states.Length; i++)
        {
            var parameter = _states[i];
            var state = (IPersistentStateLoader)Activator.CreateInstance(parameter.StateType, activation, parameter.StateName, storage)!;
            states.Add(state);
            stateArguments[i] = state;
        }
        ActivationData.UnderConstruction = activation;
        try
        {
            return _construct(services, stateArguments);
        }
        finally
        {
            ActivationData.UnderConstruction = null;
        }
    }

    static string DefaultGrainType(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
            name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }

    static (Func<IServiceProvider, object?[], Grain>, PersistentStateParameter[]) CompileConstructor(Type grainClass)
    {
        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{grainClass.Name} has no public constructor.");
        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var states = Expression.Parameter(typeof(object?[]), "states");
        var getService = typeof(ServiceProviderServiceExtensions).GetMethod(nameof(ServiceProviderServiceExtensions.GetRequiredService), [typeof(IServiceProvider), typeof(Type)])!;
        var stateParameters = new List<PersistentStateParameter>();
        var arguments = new List<Expression>();
        foreach (var parameter in constructor.GetParameters())
        {
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (attribute is not null)
            {
                if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                    throw new InvalidOperationException($"{grainClass.Name}: [PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
                var stateType = typeof(PersistentState<>).MakeGenericType(parameter.ParameterType.GetGenericArguments()[0]);
                arguments.Add(Expression.Convert(Expression.ArrayIndex(states, Expression.Constant(stateParameters.Count)), parameter.ParameterType));
                stateParameters.Add(new PersistentStateParameter(attribute.StateName, attribute.StorageName, stateType));
            }
            else
            {
                arguments.Add(Expression.Convert(Expression.Call(getService, services, Expression.Constant(parameter.ParameterType)), parameter.ParameterType));
            }
        }
        var body = Expression.Convert(Expression.New(constructor, arguments), typeof(Grain));
        return (Expression.Lambda<Func<IServiceProvider, object?[], Grain>>(body, services, states).Compile(), [.. stateParameters]);
    }

    sealed record PersistentStateParameter(string StateName, string? StorageName, Type StateType);
}
