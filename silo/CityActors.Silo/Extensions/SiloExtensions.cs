using CityActors.Runtime.Hosting;

namespace CityActors.Silo.Extensions;

/// <summary>Wires the silo: storage chosen by configuration, grains, streams.</summary>
public static class SiloExtensions
{
    public static WebApplicationBuilder AddCityActorsSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration("Storage")
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.Postgres.ConnectionString),
                "Storage:Postgres:ConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();

        // Stopping finishes running calls, deactivates grains and flushes storage; this bounds how long that may take.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = builder.Configuration.GetValue("Silo:ShutdownTimeout", TimeSpan.FromSeconds(30)));

        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        builder.UseCityActors(silo =>
        {
            switch (storage.Provider)
            {
                case StorageProvider.Postgres when !string.IsNullOrWhiteSpace(storage.Postgres.ConnectionString):
                    silo.UsePostgresStorage(storage.Postgres.ConnectionString, storage.Postgres.Schema);
                    break;
                case StorageProvider.Sqlite:
                    var path = Path.GetFullPath(storage.Sqlite.DataSource, builder.Environment.ContentRootPath);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    silo.UseSqliteStorage(path);
                    break;
            }
            silo.AddStreams("Default");
            silo.AddGrains(typeof(CityActors.Grains.Facilities.FacilityGrain).Assembly);
        });
        return builder;
    }

    /// <summary>The runtime's own figures, read-only: <c>GET /runtime/statistics</c>.</summary>
    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runtime/statistics", (Runtime.Hosting.Silo silo) => silo.GetStatistics())
            .WithName("GetRuntimeStatistics")
            .WithSummary("Activations per grain type, calls per second, storage batches, stream lag");
        return app;
    }
}
