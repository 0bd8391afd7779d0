using System.Text;
using CityActors.Grains.Concept;
using CityActors.Grains.Imports;
using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityActors.Grains.Tests.Imports;

/// <summary>A silo on a fresh SQLite file (or PostgreSQL schema) for import tests, with helpers to read what the city's stream recorded.</summary>
sealed class ImportSilo : IAsyncDisposable
{
    public const string City = "zhytomyr";

    readonly string _path = CityHost.NewSqlitePath();
    string? _schema;

    public TestSilo Silo { get; private set; } = null!;

    public IGrainFactory Grains => Silo.GrainFactory;

    public IImportGrain Importer => Grains.GetGrain<IImportGrain>(City);

    public IConceptGrain Concept => Grains.GetGrain<IConceptGrain>(City);

    /// <summary>A silo on a fresh SQLite file; <paramref name="configure"/> adds to the silo (a call filter), <paramref name="time"/> sets its clock.</summary>
    public static async Task<ImportSilo> StartAsync(Action<SiloBuilder>? configure = null, TimeProvider? time = null)
    {
        var silo = new ImportSilo();
        var sqlite = CityHost.Sqlite(silo._path);
        silo.Silo = await CityHost.StartAsync(builder =>
        {
            sqlite(builder);
            configure?.Invoke(builder);
        }, time);
        return silo;
    }

    /// <summary>The same on PostgreSQL, in a schema of its own that is dropped on dispose.</summary>
    public static async Task<ImportSilo> StartPostgresAsync()
    {
        var silo = new ImportSilo { _schema = $"imports_{Guid.NewGuid():N}" };
        silo.Silo = await CityHost.StartAsync(CityHost.Postgres(silo._schema));
        return silo;
    }

    /// <summary>Stops the silo and starts a new one on the same store: every grain is activated again from storage.</summary>
    public async Task RestartAsync() => Silo = await Silo.RestartAsync();

    public static ImportRequest Request(string fileName, byte[] content, bool dryRun = false, bool partial = false)
        => new(fileName, content, dryRun, partial, "планувальник Коваленко");

    public static ImportRequest Request(string fileName, string content, bool dryRun = false, bool partial = false)
        => Request(fileName, Encoding.UTF8.GetBytes(content), dryRun, partial);

    /// <summary>Every event on the city's stream: its grain key, type name (<c>ProjectRegistered</c>) and the source of its change.</summary>
    public async Task<List<(string Key, string Type, string Source)>> EventsAsync()
        => [.. (await ChangesAsync()).Select(e => (e.Key, e.Type, e.Source))];

    /// <summary>Every event on the city's stream with the source, id and author of its change.</summary>
    public async Task<List<(string Key, string Type, string Source, string Id, string By)>> ChangesAsync()
    {
        var backend = Silo.Services.GetRequiredService<IStorageBackend>();
        var events = await backend.ReadStreamAsync("city-events", 0, long.MaxValue, 1_000_000, CancellationToken.None);
        var serializer = Silo.Services.GetRequiredService<StorageSerializer>();
        return [.. events.Select(e =>
        {
            var change = ((CityEvent)serializer.Deserialize(e.Payload, e.EventType)).Change;
            var type = e.EventType.Split(',')[0];
            return (e.GrainId?.Key ?? string.Empty, type[(type.LastIndexOf('.') + 1)..], change.Source, change.Id, change.By);
        })];
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        if (_schema is null)
            CityHost.DeleteSqlite(_path);
        else
            await CityHost.DropPostgresSchemaAsync(_schema);
    }
}
