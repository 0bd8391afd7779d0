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

    [Fact]
    public async Task MigrateSchema_NewSqliteStore_DryRunShowsThenAppliesFromZeroToLatest()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-migrate-schema-");
        var database = Path.Combine(folder.FullName, "data", "city.db");
        var environment = new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database };
        try
        {
            var dryRun = await SiloProcess.RunCommandAsync(environment, "migrate", "schema", "--dry-run");
            var createdByDryRun = File.Exists(database);
            var applied = await SiloProcess.RunCommandAsync(environment, "migrate", "schema");
            var version = await SqliteSchemaVersionAsync(database);
            var again = await SiloProcess.RunCommandAsync(environment, "migrate", "schema");

            Assert.True(dryRun.ExitCode == 0, dryRun.Output);
            Assert.Contains($"SQLite {database}: schema version 0; would migrate it to version {version} (dry run: nothing changed).", dryRun.Output, StringComparison.Ordinal);
            Assert.False(createdByDryRun, "a dry run creates no store");
            Assert.True(applied.ExitCode == 0, applied.Output);
            Assert.Contains($"SQLite {database}: schema version 0 -> {version}.", applied.Output, StringComparison.Ordinal);
            Assert.True(version >= 1, "the store has a schema version");
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.Contains($"schema version {version}, the latest; nothing to apply.", again.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task MigrateSchema_Postgres_DryRunCreatesNothingThenTheSchemaIsMigrated()
    {
        var schema = $"schema_{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__Postgres__ConnectionString"] = TestPostgres.ConnectionString,
            ["Storage__Postgres__Schema"] = schema,
        };
        try
        {
            var dryRun = await SiloProcess.RunCommandAsync(environment, "migrate", "schema", "--dry-run");
            var existsAfterDryRun = await PostgresSchemaExistsAsync(schema);
            var applied = await SiloProcess.RunCommandAsync(environment, "migrate", "schema");
            var version = await PostgresSchemaVersionAsync(schema);

            Assert.True(dryRun.ExitCode == 0, dryRun.Output);
            Assert.Contains($"PostgreSQL schema \"{schema}\": schema version 0; would migrate it to version {version} (dry run: nothing changed).", dryRun.Output, StringComparison.Ordinal);
            Assert.False(existsAfterDryRun, "a dry run creates no schema");
            Assert.True(applied.ExitCode == 0, applied.Output);
            Assert.Contains($"PostgreSQL schema \"{schema}\": schema version 0 -> {version}.", applied.Output, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task MigrateSchema_StoreNewerThanTheSilo_RefusesAndChangesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-migrate-newer-");
        var database = Path.Combine(folder.FullName, "city.db");
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_version VALUES (999, 0)";
                await command.ExecuteNonQueryAsync();
            }

            var (exitCode, output) = await SiloProcess.RunCommandAsync(new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database }, "migrate", "schema");

            Assert.Equal(1, exitCode);
            Assert.Contains("schema version 999; this runtime knows versions up to", output, StringComparison.Ordinal);
            Assert.Contains("The schema was not changed.", output, StringComparison.Ordinal);
            Assert.Equal(999, await SqliteSchemaVersionAsync(database));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static async Task<int> SqliteSchemaVersionAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    static async Task<bool> PostgresSchemaExistsAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection);
        command.Parameters.AddWithValue(schema);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    static async Task<int> PostgresSchemaVersionAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT max(version) FROM \"{schema}\".schema_version", connection);
        return (int)(await command.ExecuteScalarAsync())!;
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
