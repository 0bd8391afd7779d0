using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace CityActors.Silo.Tests;

public sealed class SiloStartupTests
{
    [Fact]
    public async Task Silo_DefaultConfiguration_RunsOnAnSqliteFileItCreates()
    {
        var folder = Directory.CreateTempSubdirectory("cityactors-silo-");
        var database = Path.Combine(folder.FullName, "nested", "city.db");
        try
        {
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Storage__Sqlite__DataSource"] = database });

            var statistics = await silo.Http.GetFromJsonAsync<JsonElement>("/runtime/statistics");

            Assert.Equal("sqlite", statistics.GetProperty("storageBackend").GetString());
            Assert.True(File.Exists(database));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PublishedSilo_PostgresFromEnvironmentVariablesOnly_CreatesItsSchemaAndServes()
    {
        var schema = $"silo_{Guid.NewGuid():N}";
        try
        {
            var published = await PublishedSilo.AssemblyAsync();
            // No appsettings change, no command-line option: storage comes from the environment alone.
            await using var silo = await SiloProcess.StartAsync(
                new Dictionary<string, string>
                {
                    ["Storage__Provider"] = "Postgres",
                    ["Storage__Postgres__ConnectionString"] = TestPostgres.ConnectionString,
                    ["Storage__Postgres__Schema"] = schema,
                },
                published);

            var statistics = await silo.Http.GetFromJsonAsync<JsonElement>("/runtime/statistics");
            var ready = await silo.Http.GetFromJsonAsync<JsonElement>("/health/ready");

            Assert.Equal("postgres", statistics.GetProperty("storageBackend").GetString());
            Assert.Equal("ready", ready.GetProperty("status").GetString());
            await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT max(version) FROM \"" + schema + "\".schema_version", connection);
            Assert.Equal(2, Convert.ToInt32(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Silo_PostgresWithoutConnectionString_RefusesToStartAndSaysWhy()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
        }));

        Assert.Contains("Storage:Postgres:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }
}
