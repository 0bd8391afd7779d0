using Npgsql;

namespace CityActors.Runtime.Storage.Postgres;

/// <summary>Commits batches on one long-lived connection, one transaction per batch.</summary>
/// <remarks>Not thread-safe: the runtime commits from one writer at a time.</remarks>
internal sealed class PostgresWriter(NpgsqlDataSource dataSource, PostgresStatements statements) : IAsyncDisposable
{
    const string GrainVersionIndex = "events_grain_version";

    readonly PostgresJournalHeads _heads = new();
    NpgsqlConnection? _connection;

    public async Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken)
    {
        try
        {
            await CommitOnceAsync(batch, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == GrainVersionIndex)
        {
            // Another writer appended to a grain after this one last wrote it, so a head remembered here was stale and
            // nothing of the batch was committed: commit it again, every append checked against the table.
            _heads.Forget();
            foreach (var operation in batch)
                ClearOutcome(operation);
            await CommitOnceAsync(batch, cancellationToken);
        }
    }

    async Task CommitOnceAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken)
    {
        var connection = _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var round in PostgresRound.Split(batch, statements, _heads))
                await round.ApplyAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _heads.Committed();
        }
        catch
        {
            _heads.RolledBack();
            // After a failure the connection may be mid-protocol or broken: the next batch starts on a fresh one.
            _connection = null;
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clears what a rolled-back attempt reported about an operation.</summary>
    static void ClearOutcome(StorageOperation operation)
    {
        operation.Conflict = false;
        operation.CurrentETag = null;
        if (operation is WriteStateOperation write)
            write.NewETag = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connection = null;
    }
}
