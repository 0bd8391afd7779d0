using Microsoft.Data.Sqlite;

namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>Copies committed pages from the WAL back into the database file on a connection and thread of its own.</summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so every few megabytes one batch
/// of writers would wait for the copy and two more fsyncs. Here commits only append to the WAL; this copies in the
/// background without blocking anyone (a passive checkpoint), and when the WAL has grown past
/// <see cref="RestartBytes"/> anyway (the writer kept appending while it copied), it waits for a gap between
/// commits to finish the copy so the writer starts the WAL over from its beginning.
/// </remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>Bytes of WAL after which the copy waits for the writer, instead of letting the WAL grow further.</summary>
    public const long RestartBytes = 64L << 20;

    // Pacing, not a clock of the domain: it only spaces out the copies.
    static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(100);

    readonly SqliteConnection _connection;
    readonly SemaphoreSlim _committed = new(0, 1);
    readonly CancellationTokenSource _stopping = new();
    readonly Thread _thread;
    readonly long _restartFrames;

    public SqliteCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA busy_timeout = 30000;";
            setup.ExecuteNonQuery();
            // A frame is one page: 16 KB in a file this runtime created, 4 KB in one created before.
            setup.CommandText = "PRAGMA page_size;";
            _restartFrames = RestartBytes / Convert.ToInt64(setup.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        // A thread of its own: a copy takes tens of milliseconds of blocking I/O, which on the thread pool would hold
        // one of its few threads away from the grains.
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Tells the checkpointer a batch was committed; cheap, never blocks.</summary>
    public void Committed()
    {
        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit signalled first: one wake-up covers both.
            }
        }
    }

    /// <summary>Frames the last checkpoint found in the WAL, and how many of them it had copied.</summary>
    public (long Frames, long Copied) LastCheckpoint { get; private set; }

    void Run()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                _committed.Wait(token);
                LastCheckpoint = Checkpoint("PASSIVE");
                if (LastCheckpoint.Frames >= _restartFrames)
                    LastCheckpoint = Checkpoint("RESTART");
                token.WaitHandle.WaitOne(s_pause);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException)
            {
                // Busy past the timeout (a long read holds an old snapshot) or a passing I/O error: the pages stay in
                // the WAL, which is as durable as the file; the next commit tries again.
            }
        }
    }

    (long Frames, long Copied) Checkpoint(string mode)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.Run(_thread.Join).ConfigureAwait(false);
        _connection.Dispose();
        _stopping.Dispose();
        _committed.Dispose();
    }
}
