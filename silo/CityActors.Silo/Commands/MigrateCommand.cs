using System.Globalization;
using CityActors.Runtime.Storage;
using CityActors.Silo.Extensions;

namespace CityActors.Silo.Commands;

/// <summary>
/// <c>migrate</c>: copies the embedded SQLite store into an empty PostgreSQL schema, with the silo stopped.
/// The source is <c>Storage:Sqlite:DataSource</c>, the target <c>Storage:Postgres:ConnectionString</c> and
/// <c>Storage:Postgres:Schema</c>, each from configuration or environment as for running the silo, or from
/// <c>--from</c>, <c>--to</c> and <c>--schema</c>.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    const string Usage = """
        Usage: CityActors.Silo migrate [--from SQLITE_FILE] [--to POSTGRES_CONNECTION_STRING] [--schema SCHEMA]

        Copies everything the SQLite store holds (grain state, journals and streams, reminders, stream cursors) into an
        empty PostgreSQL schema, in one transaction. Stop the silo first. Defaults come from the silo's configuration:
        --from    Storage:Sqlite:DataSource (default data/cityactors.db)
        --to      Storage:Postgres:ConnectionString (environment: Storage__Postgres__ConnectionString)
        --schema  Storage:Postgres:Schema (default cityactors)
        Then start the silo with Storage__Provider=Postgres.
        Exit codes: 0 copied, 1 failed (nothing written), 2 bad usage.
        """;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        string from = Path.GetFullPath(storage.Sqlite.DataSource, contentRoot), to = storage.Postgres.ConnectionString ?? "", schema = storage.Postgres.Schema;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                case "--from" when i + 1 < args.Length:
                    from = Path.GetFullPath(args[++i]);
                    break;
                case "--to" when i + 1 < args.Length:
                    to = args[++i];
                    break;
                case "--schema" when i + 1 < args.Length:
                    schema = args[++i];
                    break;
                default:
                    errors.WriteLine($"error: unexpected '{args[i]}'.");
                    errors.WriteLine(Usage);
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(to))
        {
            errors.WriteLine("error: no PostgreSQL connection string; pass --to or set Storage__Postgres__ConnectionString.");
            return 2;
        }

        output.WriteLine($"Copying {from} into PostgreSQL schema \"{schema}\"...");
        try
        {
            var result = await StorageCopy.SqliteToPostgresAsync(from, to, schema, new ConsoleProgress(output));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Copied {result.GrainStates} grain states, {result.Events} events, {result.Reminders} reminders, {result.StreamCursors} stream cursors."));
            output.WriteLine("Start the silo with Storage__Provider=Postgres to run on it.");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            errors.WriteLine($"error: {exception.Message}");
            errors.WriteLine("No data was copied to PostgreSQL.");
            return 1;
        }
    }

    /// <summary>One line per table that redraws itself: <c>events  [#####.....]  50,000 / 100,000</c>.</summary>
    sealed class ConsoleProgress(TextWriter output) : IProgress<StorageCopyProgress>
    {
        const int Width = 30;
        readonly HashSet<string> _finished = new(StringComparer.Ordinal);

        public void Report(StorageCopyProgress value)
        {
            if (_finished.Contains(value.Table))
                return;
            var done = value.TableRows == 0 ? Width : (int)(Width * value.Rows / value.TableRows);
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{value.Table,-15} [{new string('#', done)}{new string('.', Width - done)}] {value.Rows,12:N0} / {value.TableRows:N0}"));
            if (value.Rows == value.TableRows && _finished.Add(value.Table))
                output.WriteLine();
        }
    }
}
