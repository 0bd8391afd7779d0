namespace CityActors.Runtime.Storage.Postgres;

/// <summary>The set-based statements of a commit, for one schema: each takes a whole round of operations as arrays.</summary>
/// <remarks>
/// None of them can fail on a conflicting row: inserts say <c>ON CONFLICT DO NOTHING</c>, updates and deletes
/// carry their ETag in the <c>WHERE</c>, and each returns what it did, so a conflict is what did not come back.
/// </remarks>
internal sealed class PostgresStatements(string schema)
{
    const string Match = "s.grain_type = u.t AND s.grain_key = u.k AND s.state_name = u.n";

    /// <summary>States that must not exist yet (a null ETag); returns the keys it inserted.</summary>
    public string InsertStates { get; } = $"""
        INSERT INTO {schema}.grain_state (grain_type, grain_key, state_name, etag, payload, updated_at)
        SELECT u.t, u.k, u.n, 1, u.p, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(t, k, n, p)
        ON CONFLICT DO NOTHING
        RETURNING grain_type, grain_key, state_name
        """;

    /// <summary>Unconditional writes; returns each key with its new ETag.</summary>
    public string UpsertStates { get; } = $"""
        INSERT INTO {schema}.grain_state AS s (grain_type, grain_key, state_name, etag, payload, updated_at)
        SELECT u.t, u.k, u.n, 1, u.p, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(t, k, n, p)
        ON CONFLICT (grain_type, grain_key, state_name)
        DO UPDATE SET etag = s.etag + 1, payload = excluded.payload, updated_at = excluded.updated_at
        RETURNING grain_type, grain_key, state_name, etag
        """;

    /// <summary>Writes over an expected ETag; returns the index of each operation that matched.</summary>
    public string UpdateStates { get; } = $"""
        UPDATE {schema}.grain_state AS s SET etag = s.etag + 1, payload = u.p, updated_at = now()
        FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bytea[]) AS u(i, t, k, n, e, p)
        WHERE {Match} AND s.etag = u.e
        RETURNING u.i
        """;

    /// <summary>Clears over an expected ETag; returns the index of each operation that matched.</summary>
    public string DeleteStates { get; } = $"""
        DELETE FROM {schema}.grain_state AS s
        USING unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(i, t, k, n, e)
        WHERE {Match} AND s.etag = u.e
        RETURNING u.i
        """;

    /// <summary>The stored ETag of each key that exists: for clears with a null ETag, and for the message of a conflict.</summary>
    public string ReadETags { get; } = $"""
        SELECT u.i, s.etag FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(i, t, k, n)
        JOIN {schema}.grain_state AS s ON {Match}
        """;

    /// <summary>
    /// Appends the events of every grain operation whose grain is at its expected version, and returns each one that was
    /// not: at another version, or with fewer events inserted than it had because a concurrent writer took some of its
    /// versions first. Stream-only events go through <see cref="InsertEvents"/>.
    /// </summary>
    public string AppendEvents { get; } = $"""
        WITH c AS (
            SELECT o.i, o.t, o.k, o.e, o.n,
                   coalesce((SELECT max(ev.version) FROM {schema}.events AS ev WHERE ev.grain_type = o.t AND ev.grain_key = o.k), 0) AS v
            FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::int[]) AS o(i, t, k, e, n)
        ), ins AS (
            INSERT INTO {schema}.events (position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload)
            SELECT x.pos, x.t, x.k, x.v, x.at, x.ns, x.sk, x.et, x.p
            FROM unnest($6::int[], $7::bigint[], $8::text[], $9::text[], $10::bigint[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::bytea[])
                AS x(op, pos, t, k, v, at, ns, sk, et, p)
            WHERE x.op IN (SELECT c.i FROM c WHERE c.v = c.e)
            ON CONFLICT (grain_type, grain_key, version) WHERE grain_type IS NOT NULL DO NOTHING
            RETURNING grain_type, grain_key
        ), counted AS (
            SELECT grain_type, grain_key, count(*) AS inserted FROM ins GROUP BY grain_type, grain_key
        )
        SELECT c.i, c.v, coalesce(counted.inserted, 0)
        FROM c LEFT JOIN counted ON counted.grain_type = c.t AND counted.grain_key = c.k
        WHERE c.v <> c.e OR coalesce(counted.inserted, 0) <> c.n
        """;

    /// <summary>
    /// Inserts events unchecked: those of appends at the head this writer committed last, and stream-only events. A
    /// version another writer took since fails the whole statement on the unique index (see <see cref="PostgresJournalHeads"/>).
    /// </summary>
    public string InsertEvents { get; } = $"""
        INSERT INTO {schema}.events (position, grain_type, grain_key, version, occurred_at, stream_namespace, stream_key, event_type, payload)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::bytea[])
        """;

    /// <summary>Takes back the events of a grain operation that was only partly inserted.</summary>
    public string DeleteEvents { get; } = $"DELETE FROM {schema}.events WHERE position = ANY($1::bigint[]) AND grain_type = $2 AND grain_key = $3";

    public string JournalVersion { get; } = $"SELECT coalesce(max(version), 0) FROM {schema}.events WHERE grain_type = $1 AND grain_key = $2";

    public string UpsertReminders { get; } = $"""
        INSERT INTO {schema}.reminders (grain_type, grain_key, name, start_at, period)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::interval[])
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period
        """;

    public string DeleteReminders { get; } = $"""
        DELETE FROM {schema}.reminders AS r USING unnest($1::text[], $2::text[], $3::text[]) AS u(t, k, n)
        WHERE r.grain_type = u.t AND r.grain_key = u.k AND r.name = u.n
        """;

    /// <summary>Moves cursors forward only; a round holds each cursor once, at its furthest position.</summary>
    public string UpsertCursors { get; } = $"""
        INSERT INTO {schema}.stream_cursors AS c (consumer_type, consumer_key, stream_namespace, stream_key, position)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
        ON CONFLICT (consumer_type, consumer_key, stream_namespace, stream_key)
        DO UPDATE SET position = excluded.position WHERE c.position < excluded.position
        """;
}
