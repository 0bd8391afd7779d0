using CityActors.Runtime.Hosting;

namespace CityActors.Runtime.Tests.Persistence;

public sealed class SqlitePersistenceTests : PersistenceContract
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"cityactors-persistence-{Guid.NewGuid():N}.db");

    protected override void UseStorage(SiloBuilder silo) => silo.UseSqliteStorage(_path);

    protected override Task CleanUpAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
        return Task.CompletedTask;
    }
}
