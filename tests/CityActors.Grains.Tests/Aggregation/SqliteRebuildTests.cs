using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Hosting;

namespace CityActors.Grains.Tests.Aggregation;

public sealed class SqliteRebuildTests : RebuildContract
{
    readonly string _path = CityHost.NewSqlitePath();

    protected override Action<SiloBuilder> Storage => CityHost.Sqlite(_path);

    protected override Task CleanUpAsync()
    {
        CityHost.DeleteSqlite(_path);
        return Task.CompletedTask;
    }
}
