using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Persistence;

public sealed class MemoryPersistenceTests : PersistenceContract
{
    readonly MemoryBackend _backend = new();

    protected override void UseStorage(SiloBuilder silo) => silo.UseMemoryStorage(_backend);
}
