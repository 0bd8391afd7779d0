using CityActors.Grains.Tests.Support;
using CityActors.Runtime.Hosting;

namespace CityActors.Grains.Tests.Aggregation;

/// <summary>Needs the PostgreSQL of <c>CITYACTORS_TEST_POSTGRES</c>: fails, never skips, when it cannot be reached.</summary>
public sealed class PostgresRebuildTests : RebuildContract
{
    readonly string _schema = $"g_{Guid.NewGuid():N}";

    protected override Action<SiloBuilder> Storage => CityHost.Postgres(_schema);

    protected override Task CleanUpAsync() => CityHost.DropPostgresSchemaAsync(_schema);
}
