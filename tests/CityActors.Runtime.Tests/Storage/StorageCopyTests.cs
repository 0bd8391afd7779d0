using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;
using CityActors.Runtime.Testing;
using CityActors.Runtime.Tests.TestGrains;
using Npgsql;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>Moving a store from the embedded SQLite default to PostgreSQL keeps every grain's state, journal and reminders.</summary>
public sealed class StorageCopyTests : IAsyncLifetime
{
    static string ConnectionString => Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    readonly string _schema = $"copy_{Guid.NewGuid():N}";
    readonly string _sqlite = Path.Combine(Path.GetTempPath(), $"cityactors-copy-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SqliteToPostgres_StateJournalAndRemindersReadBackOnPostgres()
    {
        await using (var sqlite = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UseSqliteStorage(_sqlite)))
        {
            await sqlite.GrainFactory.GetGrain<ICounterGrain>("школа №1").AddAsync(5, "перше");
            var account = sqlite.GrainFactory.GetGrain<IAccountGrain>("бюджет");
            await account.DepositAsync(100, "фінуправління");
            await account.WithdrawAsync(30, "ремонт");
            await sqlite.GrainFactory.GetGrain<ILifecycleGrain>("watch").RemindAsync("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        }
        var reports = new List<StorageCopyProgress>();

        var result = await StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema, new SynchronousProgress(reports.Add));

        await using var postgres = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UsePostgresStorage(ConnectionString, _schema));
        var counter = await postgres.GrainFactory.GetGrain<ICounterGrain>("школа №1").GetAsync();
        var moved = postgres.GrainFactory.GetGrain<IAccountGrain>("бюджет");
        Assert.Equal(5, counter.Total);
        Assert.Equal(["перше"], counter.Notes);
        Assert.Equal(2, await moved.GetVersionAsync());
        Assert.Equal(70, (await moved.GetAsync()).Balance);
        Assert.Equal(100, (await moved.ReplayAsync(1)).Balance);
        Assert.Equal(1, result.Reminders);
        Assert.Equal(2, result.Events);
        Assert.Contains(reports, r => r is { Table: "events", Rows: 2, TableRows: 2 });
        // The copy continues the journal: a new event lands after the copied ones.
        Assert.Equal(80, await moved.DepositAsync(10, "після переїзду"));
        Assert.Equal(3, await moved.GetVersionAsync());
    }

    [Fact]
    public async Task SqliteToPostgres_IntoASchemaWithData_IsRefusedAndChangesNothing()
    {
        await using (var sqlite = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UseSqliteStorage(_sqlite)))
            await sqlite.GrainFactory.GetGrain<ICounterGrain>("a").AddAsync(1, "x");
        await StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema));

        Assert.Contains("already holds data", error.Message, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{_schema}\".grain_state", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SqliteToPostgres_MissingFile_SaysWhich()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema));

        Assert.Contains(_sqlite, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteToPostgres_FailsPartWay_LeavesNoSchemaBehind()
    {
        await SeedSqliteAsync();
        using var interrupt = new CancellationTokenSource();
        var stopAtEvents = new SynchronousProgress(p =>
        {
            if (p.Table == "events")
                interrupt.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema, stopAtEvents, interrupt.Token));

        Assert.Empty(await TablesAsync());
        Assert.False(await SchemaExistsAsync(), "the schema the copy created is gone again");
    }

    [Fact]
    public async Task SqliteToPostgres_FailsPartWayIntoAnEmptySchemaOfTheOperators_LeavesItAsItWas()
    {
        await SeedSqliteAsync();
        await ExecuteAsync($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".notes (text text)");
        using var interrupt = new CancellationTokenSource();
        var stopAtReminders = new SynchronousProgress(p =>
        {
            if (p.Table == "reminders")
                interrupt.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema, stopAtReminders, interrupt.Token));

        Assert.Equal(["notes"], await TablesAsync());
    }

    [Fact]
    public async Task SqliteToPostgres_WhileCopying_TheSchemaIsPartOfTheCopysTransaction()
    {
        await SeedSqliteAsync();
        bool? visibleDuringCopy = null;
        var whileCopying = new SynchronousProgress(p =>
        {
            if (p.Table == "events" && visibleDuringCopy is null)
                visibleDuringCopy = SchemaExistsAsync().GetAwaiter().GetResult();
        });

        await StorageCopy.SqliteToPostgresAsync(_sqlite, ConnectionString, _schema, whileCopying);

        Assert.False(visibleDuringCopy, "another connection does not see the schema before the copy commits");
        Assert.True(await SchemaExistsAsync(), "the schema is there once the copy committed");
    }

    async Task SeedSqliteAsync()
    {
        await using var sqlite = await TestSilo.StartAsync(s => s.AddGrains(typeof(CounterGrain).Assembly).UseSqliteStorage(_sqlite));
        await sqlite.GrainFactory.GetGrain<ICounterGrain>("школа №2").AddAsync(3, "x");
        await sqlite.GrainFactory.GetGrain<IAccountGrain>("кошторис").DepositAsync(50, "фінуправління");
    }

    async Task<List<string>> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", connection);
        command.Parameters.AddWithValue(_schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }

    async Task<bool> SchemaExistsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection);
        command.Parameters.AddWithValue(_schema);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var file in new[] { _sqlite, _sqlite + "-wal", _sqlite + "-shm" })
            File.Delete(file);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    sealed class SynchronousProgress(Action<StorageCopyProgress> report) : IProgress<StorageCopyProgress>
    {
        public void Report(StorageCopyProgress value) => report(value);
    }
}
