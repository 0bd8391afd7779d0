using System.CommandLine;
using System.Globalization;
using CityActors.Runtime.Storage;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl migrate: copies a stopped silo's SQLite store into an empty PostgreSQL schema, on this machine.</summary>
public static partial class Commands
{
    public static Command Migrate()
    {
        var from = new Option<FileInfo>("--from") { Description = "The silo's SQLite file (Storage:Sqlite:DataSource, by default data/cityactors.db next to the silo)", Required = true };
        var to = new Option<string?>("--to") { Description = "The PostgreSQL connection string (environment: Storage__Postgres__ConnectionString)" };
        var schema = new Option<string>("--schema") { Description = "The PostgreSQL schema to create and fill (Storage:Postgres:Schema)", DefaultValueFactory = _ => "cityactors" };
        var command = new Command("migrate",
            "Copies the embedded SQLite store (grain state, journals and streams, reminders, stream cursors) into an empty PostgreSQL schema in one "
            + "transaction, with a progress bar. Stop the silo first; then start it with Storage__Provider=Postgres. It talks to the two stores, "
            + "not to the silo: cityctl migrate --from data/cityactors.db --to \"Host=…;Username=…;Password=…;Database=…\"") { from, to, schema };
        command.SetAction(async (parse, cancellation) =>
        {
            var connection = parse.GetValue(to) ?? Environment.GetEnvironmentVariable("Storage__Postgres__ConnectionString");
            if (string.IsNullOrWhiteSpace(connection))
            {
                Console.Error.WriteLine("error: no PostgreSQL connection string; pass --to or set Storage__Postgres__ConnectionString.");
                return ExitCodes.Usage;
            }
            var file = parse.GetValue(from)!;
            var target = parse.GetValue(schema)!;
            try
            {
                var result = await CityCtl.Out.Progress().StartAsync(progress
                    => StorageCopy.SqliteToPostgresAsync(file.FullName, connection, target, new CopyProgress(progress), cancellation));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Copied {result.GrainStates} grain states, {result.Events} events, {result.Reminders} reminders, {result.StreamCursors} stream cursors into PostgreSQL schema \"{target}\"."));
                Console.Out.WriteLine("Start the silo with Storage__Provider=Postgres to run on it.");
                return ExitCodes.Ok;
            }
            catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or ArgumentException
                or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                Console.Error.WriteLine($"error: {exception.Message}");
                Console.Error.WriteLine("No data was copied to PostgreSQL.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>A bar per table, moved as the copy reports (in the copy's own order, not through a thread-pool queue).</summary>
    sealed class CopyProgress(ProgressContext progress) : IProgress<StorageCopyProgress>
    {
        readonly Dictionary<string, ProgressTask> _tables = new(StringComparer.Ordinal);

        public void Report(StorageCopyProgress value)
        {
            if (!_tables.TryGetValue(value.Table, out var task))
                _tables[value.Table] = task = progress.AddTask(value.Table, maxValue: Math.Max(1, value.TableRows));
            task.Value = value.TableRows == 0 ? 1 : value.Rows;
        }
    }
}
