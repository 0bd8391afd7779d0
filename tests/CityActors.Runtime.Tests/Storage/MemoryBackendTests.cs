using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>The contract against the in-memory backend, whose store is the instance itself.</summary>
public sealed class MemoryBackendTests : StorageBackendContract
{
    readonly MemoryBackend _backend = new();

    protected override Task<IStorageBackend> CreateBackendAsync() => Task.FromResult<IStorageBackend>(_backend);
}
