using System.Reflection;
using CityActors.Runtime.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityActors.Runtime.Hosting;

/// <summary>Configures a silo: its grains, its storage, its streams and filters (Orleans: <c>ISiloBuilder</c>).</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public IServiceCollection Services { get; }
    public IConfiguration Configuration { get; }

    internal List<Type> GrainClasses { get; } = [];

    /// <summary>The name the storage answers to in <c>[PersistentState(name, storage)]</c>, besides <see cref="GrainStorage.DefaultName"/>.</summary>
    internal string StorageName { get; private set; } = GrainStorage.DefaultName;

    /// <summary>Adds every grain class of <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        GrainClasses.AddRange(GrainTypeRegistry.FindGrainClasses(assembly));
        return this;
    }

    /// <summary>Adds one grain class.</summary>
    public SiloBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        GrainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Chooses the silo's storage: every persistent state, journal, stream and reminder goes there.</summary>
    /// <param name="backend">Creates the backend.</param>
    /// <param name="name">
    /// A name grains may give as <c>[PersistentState(state, name)]</c>, besides <see cref="GrainStorage.DefaultName"/> (which always
    /// works); a grain that names any other storage stops the silo at start.
    /// </param>
    public SiloBuilder UseStorage(Func<IServiceProvider, IStorageBackend> backend, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (name is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.RemoveAll<IStorageBackend>();
        Services.AddSingleton(backend);
        StorageName = name ?? GrainStorage.DefaultName;
        return this;
    }

    /// <summary>Keeps everything in memory: nothing survives the process. For tests.</summary>
    public SiloBuilder UseMemoryStorage(MemoryBackend? backend = null, string? name = null)
    {
        var instance = backend ?? new MemoryBackend();
        return UseStorage(_ => instance, name);
    }

    /// <summary>Adds the durable stream provider under <paramref name="name"/>.</summary>
    public SiloBuilder AddStreams(string name)
    {
        Services.AddKeyedSingleton<Streams.IStreamProvider>(name, (sp, _) => new Streams.DurableStreamProvider(name, sp.GetRequiredService<Streams.StreamRuntime>()));
        return this;
    }

    public SiloBuilder AddIncomingGrainCallFilter<TFilter>() where TFilter : class, IIncomingGrainCallFilter
    {
        Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return this;
    }

    public SiloBuilder AddOutgoingGrainCallFilter<TFilter>() where TFilter : class, IOutgoingGrainCallFilter
    {
        Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return this;
    }

    public SiloBuilder Configure<TOptions>(Action<TOptions> configure) where TOptions : class
    {
        Services.Configure(configure);
        return this;
    }
}
