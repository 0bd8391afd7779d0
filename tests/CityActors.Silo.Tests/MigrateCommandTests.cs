using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CityActors.Silo.Tests;

/// <summary><c>CityActors.Silo migrate</c>: from the embedded SQLite default to PostgreSQL, with the data.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_SqliteCityToPostgres_ThenTheSiloRunsOnItWithEveryEvent()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-migrate-");
        var database = Path.Combine(folder.FullName, "city.db");
        var schema = $"migrated_{Guid.NewGuid():N}";
        try
        {
            await using (var sqlite = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database }))
                Assert.Equal(0, await sqlite.TerminateAsync(TimeSpan.FromSeconds(40)));
            var events = await CountSqliteEventsAsync(database);

            var (exitCode, output) = await SiloProcess.RunCommandAsync(
                new Dictionary<string, string> { ["Storage__Postgres__ConnectionString"] = TestPostgres.ConnectionString },
                "migrate", "--from", database, "--schema", schema);

            Assert.True(exitCode == 0, output);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{events} events"), output, StringComparison.Ordinal);
            Assert.Equal(events, await CountPostgresEventsAsync(schema));
            await using var postgres = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__Postgres__ConnectionString"] = TestPostgres.ConnectionString,
                ["Storage__Postgres__Schema"] = schema,
            });
            Assert.Equal(HttpStatusCode.OK, (await postgres.Http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Migrate_WithoutAConnectionString_SaysWhatIsMissing()
    {
        var (exitCode, output) = await SiloProcess.RunCommandAsync(new Dictionary<string, string>(), "migrate", "--from", "/nonexistent/city.db");

        Assert.Equal(2, exitCode);
        Assert.Contains("no PostgreSQL connection string", output, StringComparison.Ordinal);
    }

    static async Task<long> CountSqliteEventsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    static async Task<long> CountPostgresEventsAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
