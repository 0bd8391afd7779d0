using CityActors.Runtime.Storage;
using CityActors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Tests.Storage;

/// <summary>The contract against SQLite, in a temporary database file per test.</summary>
public sealed class SqliteBackendTests : StorageBackendContract
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"cityactors-test-{Guid.NewGuid():N}.db");

    protected override int SchemaVersion => 3;

    protected override Task<IStorageBackend> CreateBackendAsync()
        => Task.FromResult<IStorageBackend>(new SqliteBackend(new SqliteStorageOptions(_path)));

    protected override Task DeleteStoreAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task InitializeAsync_PutsDatabaseInWalMode()
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        var mode = (string?)await command.ExecuteScalarAsync();

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_Has16KbPages()
    {
        Assert.Equal(16384L, await ScalarAsync(_path, "PRAGMA page_size"));
    }

    [Fact]
    public async Task InitializeAsync_FileCreatedWith4KbPages_KeepsThemAndWorks()
    {
        var older = Path.Combine(Path.GetTempPath(), $"cityactors-test-{Guid.NewGuid():N}.db");
        try
        {
            await ScalarAsync(older, "PRAGMA page_size = 4096; CREATE TABLE made_before (x); SELECT 1");
            var grain = new GrainId("counter", "older");
            await using (var backend = new SqliteBackend(new SqliteStorageOptions(older)))
            {
                await backend.InitializeAsync(CancellationToken.None);
                await backend.CommitAsync([new AppendEventsOperation(grain, 0, [Event(1, grain, 1), Event(2, grain, 2)])], CancellationToken.None);
                Assert.Equal([1L, 2L], (await backend.ReadJournalAsync(grain, 0, long.MaxValue, CancellationToken.None)).Select(e => e.Version));
            }

            Assert.Equal(4096L, await ScalarAsync(older, "PRAGMA page_size"));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(older + suffix);
        }
    }

    static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task DisposeAsync_ClosesEveryConnection_SoSqliteRemovesTheWal()
    {
        var grain = new GrainId("counter", "a");
        await CommitAsync(new WriteStateOperation(grain, "state", null, [1, 2, 3]));
        await Backend.ReadStateAsync(grain, "state", CancellationToken.None);
        var walWhileOpen = File.Exists(_path + "-wal");

        await Backend.DisposeAsync();

        // SQLite checkpoints and deletes the WAL when the last connection to the database closes.
        Assert.True(walWhileOpen);
        Assert.False(File.Exists(_path + "-wal"));
    }

    [Fact]
    public async Task GetSchemaVersionAsync_BeforeInitialize_ReturnsZero()
    {
        var path = _path + ".fresh";
        var fresh = new SqliteBackend(new SqliteStorageOptions(path));

        var version = await fresh.GetSchemaVersionAsync(CancellationToken.None);
        await fresh.DisposeAsync();
        File.Delete(path);

        Assert.Equal(0, version);
    }
}
