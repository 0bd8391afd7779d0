namespace CityActors.Benchmarks.Storage;

internal enum StorageKind
{
    Memory,
    Sqlite,
    Postgres,
}
