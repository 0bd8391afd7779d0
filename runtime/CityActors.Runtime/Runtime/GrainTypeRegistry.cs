using System.Collections.Concurrent;
using System.Reflection;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime;

/// <summary>The grain classes of this silo, found by interface and by grain type.</summary>
internal sealed class GrainTypeRegistry
{
    readonly Dictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Type, GrainClassInfo> _byInterface = new();
    readonly ConcurrentDictionary<MethodInfo, MethodDescriptor> _methods = new();

    /// <param name="grainClasses">The silo's grain classes.</param>
    /// <param name="storageName">The name the silo's storage answers to besides <see cref="GrainStorage.DefaultName"/>.</param>
    public GrainTypeRegistry(IEnumerable<Type> grainClasses, string storageName = GrainStorage.DefaultName)
    {
        foreach (var grainClass in grainClasses.Distinct())
        {
            var info = new GrainClassInfo(grainClass);
            if (!_byGrainType.TryAdd(info.GrainType, info))
                throw new InvalidOperationException($"Grain type '{info.GrainType}' is claimed by both {_byGrainType[info.GrainType].ClrType.Name} and {grainClass.Name}.");
            foreach (var (stateName, storage) in info.NamedStorages)
            {
                if (storage != GrainStorage.DefaultName && storage != storageName)
                {
                    var known = storageName == GrainStorage.DefaultName ? $"'{GrainStorage.DefaultName}'" : $"'{GrainStorage.DefaultName}' or '{storageName}'";
                    throw new InvalidOperationException(
                        $"{grainClass.Name} (grain type '{info.GrainType}'): [PersistentState(\"{stateName}\", \"{storage}\")] names storage '{storage}', " +
                        $"but this silo has no storage of that name; its storage answers to {known}. Give the name when choosing the storage " +
                        "(UseSqliteStorage, UsePostgresStorage or UseMemoryStorage with name: …) or leave the storage name out.");
                }
            }
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _byGrainType.Values;

    public GrainClassInfo GetByGrainType(string grainType)
        => _byGrainType.TryGetValue(grainType, out var info)
            ? info
            : throw new ArgumentException($"No grain class is registered for grain type '{grainType}'.", nameof(grainType));

    public GrainClassInfo GetByInterface(Type grainInterface) => _byInterface.GetOrAdd(grainInterface, static (type, classes) =>
    {
        var matches = classes.Where(c => type.IsAssignableFrom(c.ClrType)).ToList();
        if (matches.Count > 1)
        {
            // Prefer the class for which this interface is the most derived one it implements.
            var exact = matches.Where(c => !c.ClrType.GetInterfaces().Any(i => i != type && type.IsAssignableFrom(i))).ToList();
            if (exact.Count == 1)
                return exact[0];
        }
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"No grain class implements {type.Name}; add its assembly with AddGrains."),
            _ => throw new ArgumentException($"{type.Name} is implemented by {string.Join(", ", matches.Select(m => m.ClrType.Name))}; ask for a more specific interface."),
        };
    }, _byGrainType.Values);

    public MethodDescriptor GetMethod(MethodInfo interfaceMethod) => _methods.GetOrAdd(interfaceMethod, MethodDescriptor.Create);

    /// <summary>The grain classes in <paramref name="assembly"/>: concrete subclasses of <see cref="Grain"/>.</summary>
    public static IEnumerable<Type> FindGrainClasses(Assembly assembly)
        => assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.IsSubclassOf(typeof(Grain)));
}
