using Npgsql;

namespace CityActors.Runtime.Storage.Postgres;

/// <summary>The PostgreSQL schema as an ordered list of migrations: entry <c>i</c> takes a store from version <c>i</c> to <c>i + 1</c>.</summary>
/// <remarks>
/// <c>{schema}</c> in a script stands for the quoted schema name. Key columns use the "C" collation: equality is
/// byte equality either way, and binary comparison keeps the indexes cheap.
/// </remarks>
internal static class PostgresSchema
{
    static readonly string[] Migrations =
    [
        // Version 1. grain_state leaves room in each page so that rewriting a state is a HOT update, which
        // touches no index: that more than halves the cost of a batch of writes.
        """
        CREATE TABLE {schema}.grain_state (
            grain_type text COLLATE "C" NOT NULL,
            grain_key text COLLATE "C" NOT NULL,
            state_name text COLLATE "C" NOT NULL,
            etag bigint NOT NULL,
            payload bytea NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITH (fillfactor = 70);

        CREATE TABLE {schema}.events (
            position bigint NOT NULL PRIMARY KEY,
            grain_type text COLLATE "C",
            grain_key text COLLATE "C",
            version bigint NOT NULL,
            occurred_at timestamptz NOT NULL,
            stream_namespace text COLLATE "C",
            stream_key text COLLATE "C",
            event_type text NOT NULL,
            payload bytea NOT NULL,
            CHECK ((grain_type IS NULL) = (grain_key IS NULL))
        );
        CREATE UNIQUE INDEX events_grain_version ON {schema}.events (grain_type, grain_key, version) WHERE grain_type IS NOT NULL;
        CREATE INDEX events_stream ON {schema}.events (stream_namespace, position) WHERE stream_namespace IS NOT NULL;

        CREATE TABLE {schema}.reminders (
            grain_type text COLLATE "C" NOT NULL,
            grain_key text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            start_at timestamptz NOT NULL,
            period interval NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        );

        CREATE TABLE {schema}.stream_cursors (
            consumer_type text COLLATE "C" NOT NULL,
            consumer_key text COLLATE "C" NOT NULL,
            stream_namespace text COLLATE "C" NOT NULL,
            stream_key text COLLATE "C" NOT NULL,
            position bigint NOT NULL,
            PRIMARY KEY (consumer_type, consumer_key, stream_namespace, stream_key)
        );
        """,

        // Version 2: stream reads walk the primary key by position, filtering the namespace, instead of an index by
        // namespace: one index fewer to insert into for every event, which is most of what the server does per event.
        """
        DROP INDEX {schema}.events_stream;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Quotes a schema name as an SQL identifier.</summary>
    public static string Quote(string schema) => $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Creates the schema when missing and applies the migrations it lacks, all in one transaction; returns the version it was at.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await MigrateInTransactionAsync(connection, schema, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>
    /// Creates the schema when missing and applies the migrations it lacks within the transaction the caller has open,
    /// so that what the caller does next commits or rolls back together with them; returns the version it was at.
    /// </summary>
    public static async Task<int> MigrateInTransactionAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var quoted = Quote(schema);
        // Silos starting together against one database take turns, so no two create the same table.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", cancellationToken, $"cityactors.schema:{schema}");
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {quoted};
            CREATE TABLE IF NOT EXISTS {quoted}.schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);
        var version = await ReadVersionAsync(connection, quoted, cancellationToken);
        if (version > CurrentVersion)
            throw new InvalidOperationException($"Schema {quoted} is at version {version}; this runtime knows versions up to {CurrentVersion}.");
        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await ExecuteAsync(connection, Migrations[next - 1].Replace("{schema}", quoted, StringComparison.Ordinal), cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO {quoted}.schema_version (version) VALUES ($1)", cancellationToken, next);
        }
        return version;
    }

    /// <summary>The version the schema is at; 0 when it has no version table yet.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        exists.Parameters.AddWithValue($"{quotedSchema}.schema_version");
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            return 0;
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {quotedSchema}.schema_version", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
