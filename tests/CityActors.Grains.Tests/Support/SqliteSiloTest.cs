using CityActors.Runtime.Testing;

namespace CityActors.Grains.Tests.Support;

/// <summary>A test class whose tests each get a silo of the city on a fresh SQLite file, deleted afterwards.</summary>
public abstract class SqliteSiloTest : IAsyncLifetime
{
    readonly string _path = CityHost.NewSqlitePath();

    /// <summary>The running silo; a test that restarts it puts the new one here.</summary>
    protected TestSilo Silo { get; set; } = null!;

    public async Task InitializeAsync() => Silo = await CityHost.StartAsync(CityHost.Sqlite(_path));

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        CityHost.DeleteSqlite(_path);
    }
}
