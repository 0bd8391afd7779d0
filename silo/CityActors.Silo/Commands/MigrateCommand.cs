using System.Globalization;
using CityActors.Runtime.Storage;
using CityActors.Silo.Extensions;

namespace CityActors.Silo.Commands;

/// <summary>
/// <c>migrate schema [--dry-run]</c>: applies the schema migrations the configured store lacks and reports the versions
/// from and to. <c>migrate [copy]</c>: copies the embedded SQLite store into an empty PostgreSQL schema, with the silo
/// stopped. The stores are those of <c>Storage:*</c>, from configuration or environment as for running the silo, or
/// from <c>--from</c>, <c>--to</c> and <c>--schema</c>.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    const string Usage = """
        Usage: CityActors.Silo migrate schema [--dry-run]
               CityActors.Silo migrate [copy] [--from SQLITE_FILE] [--to POSTGRES_CONNECTION_STRING] [--schema SCHEMA]

        migrate schema applies the schema migrations the store of the silo's configuration lacks (Storage:Provider and
        its settings; the silo also applies them at start) and prints the version it found and the version it left.
        --dry-run only reads the version and says what would be applied. Exit codes: 0 done (or nothing to do),
        1 failed or the store is newer than this silo (nothing changed), 2 bad usage.

        migrate [copy] copies everything the SQLite store holds (grain state, journals and streams, reminders, stream cursors) into an
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
        if (args is [_, "schema", .. var schemaArguments])
            return await MigrateSchemaAsync(storage, contentRoot, schemaArguments, output, errors);
        if (args is [_, "copy", ..])
            args = [args[0], .. args[2..]];
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

    static async Task<int> MigrateSchemaAsync(StorageOptions storage, string contentRoot, string[] args, TextWriter output, TextWriter errors)
    {
        var dryRun = false;
        foreach (var argument in args)
        {
            if (argument == "--dry-run")
            {
                dryRun = true;
                continue;
            }
            if (argument is "--help" or "-h")
            {
                output.WriteLine(Usage);
                return 0;
            }
            errors.WriteLine($"error: unexpected '{argument}'.");
            errors.WriteLine(Usage);
            return 2;
        }
        string store;
        try
        {
            SchemaMigration migration;
            if (storage.Provider == StorageProvider.Postgres)
            {
                if (string.IsNullOrWhiteSpace(storage.Postgres.ConnectionString))
                {
                    errors.WriteLine("error: Storage:Provider is Postgres but there is no connection string; set Storage__Postgres__ConnectionString.");
                    return 2;
                }
                store = $"PostgreSQL schema \"{storage.Postgres.Schema}\"";
                migration = await StorageMigrations.MigratePostgresAsync(storage.Postgres.ConnectionString, storage.Postgres.Schema, dryRun);
            }
            else
            {
                var path = Path.GetFullPath(storage.Sqlite.DataSource, contentRoot);
                store = $"SQLite {path}";
                migration = StorageMigrations.MigrateSqlite(path, dryRun);
            }
            var invariant = CultureInfo.InvariantCulture;
            output.WriteLine((dryRun, migration.From == migration.Latest) switch
            {
                (_, true) => string.Create(invariant, $"{store}: schema version {migration.From}, the latest; nothing to apply."),
                (true, false) => string.Create(invariant, $"{store}: schema version {migration.From}; would migrate it to version {migration.Latest} (dry run: nothing changed)."),
                (false, false) => string.Create(invariant, $"{store}: schema version {migration.From} -> {migration.To}."),
            });
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            errors.WriteLine($"error: {exception.Message}");
            errors.WriteLine("The schema was not changed.");
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
