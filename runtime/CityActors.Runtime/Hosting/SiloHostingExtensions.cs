using CityActors.Runtime.Diagnostics;
using CityActors.Runtime.Reminders;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Hosting;

/// <summary>Adds a silo to a host (Orleans: <c>UseOrleans</c>).</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo; options bind from the <c>Runtime</c> configuration section.</summary>
    public static IHostApplicationBuilder UseCityActors(this IHostApplicationBuilder builder, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCityActors(builder.Configuration, configure);
        return builder;
    }

    public static IServiceCollection AddCityActors(this IServiceCollection services, IConfiguration configuration, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var silo = new SiloBuilder(services, configuration);
        silo.AddGrains(typeof(SiloHostingExtensions).Assembly);
        configure(silo);

        services.AddOptions<SiloMessagingOptions>().BindConfiguration("Runtime:Messaging")
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Runtime:Messaging:ResponseTimeout must be positive.").ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration("Runtime:GrainCollection")
            .Validate(o => o.CollectionQuantum > TimeSpan.Zero && (o.CollectionAge > TimeSpan.Zero || o.CollectionAge == Timeout.InfiniteTimeSpan),
                "Runtime:GrainCollection: CollectionQuantum and CollectionAge must be positive.").ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuntimeTelemetry>();
        services.TryAddSingleton(new StorageSerializer());
        services.TryAddSingleton<IStorageBackend>(_ => new MemoryBackend());
        var storageName = silo.StorageName;
        services.TryAddSingleton(sp => new GrainStorage(storageName, sp.GetRequiredService<IStorageBackend>(), sp.GetRequiredService<StorageSerializer>(),
            sp.GetRequiredService<RuntimeTelemetry>(), sp.GetRequiredService<ILogger<GrainStorage>>()));
        var grainClasses = silo.GrainClasses;
        // Built when the silo starts: a grain that names a storage the silo does not have stops the start, naming both.
        services.TryAddSingleton(_ => new GrainTypeRegistry(grainClasses, storageName));
        services.TryAddSingleton(sp => new Catalog(
            sp,
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SiloMessagingOptions>>().Value,
            sp.GetRequiredService<IOptions<GrainCollectionOptions>>().Value,
            sp.GetServices<IIncomingGrainCallFilter>(),
            sp.GetServices<IOutgoingGrainCallFilter>(),
            sp.GetRequiredService<RuntimeTelemetry>(),
            sp.GetRequiredService<ILogger<Catalog>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<Catalog>().GrainFactory);
        services.TryAddSingleton(sp => new StreamRuntime(sp.GetRequiredService<Catalog>(), sp.GetRequiredService<GrainStorage>(), sp.GetRequiredService<ILogger<StreamRuntime>>()));
        services.TryAddSingleton(sp => new ReminderService(sp.GetRequiredService<Catalog>(), sp.GetRequiredService<GrainStorage>()));
        services.TryAddSingleton(sp => new Silo(sp.GetRequiredService<Catalog>(), sp.GetRequiredService<GrainStorage>(), sp.GetRequiredService<StreamRuntime>(),
            sp.GetRequiredService<ReminderService>(), sp.GetRequiredService<RuntimeTelemetry>(), sp.GetRequiredService<ILogger<Silo>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return services;
    }
}
