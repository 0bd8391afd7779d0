using CityActors.Runtime.Hosting;
using Npgsql;

namespace CityActors.Runtime.Tests.Persistence;

public sealed class PostgresPersistenceTests : PersistenceContract
{
    readonly string _schema = $"p_{Guid.NewGuid():N}";

    static string ConnectionString => Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    protected override void UseStorage(SiloBuilder silo) => silo.UsePostgresStorage(ConnectionString, _schema);

    protected override async Task CleanUpAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
