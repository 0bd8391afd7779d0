using Npgsql;

namespace CityActors.Silo.Tests;

/// <summary>The shared test PostgreSQL: <c>CITYACTORS_TEST_POSTGRES</c>, or the database <c>scripts/test.sh</c> creates.</summary>
public static class TestPostgres
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
