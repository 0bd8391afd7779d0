using Npgsql;

namespace CityActors.ClientApi.Tests.Support;

/// <summary>
/// Makes PostgreSQL refuse the audit's writes, and only those: a trigger on the journal rejects rows of the audit grain,
/// so a facility's change is stored while the audit of the request is not.
/// </summary>
public static class AuditRefusal
{
    public static Task RefuseAsync(string schema) => ExecuteAsync($"""
        CREATE OR REPLACE FUNCTION "{schema}".refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.grain_type = 'audit' THEN
                RAISE EXCEPTION 'the audit is refused by the test';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_audit BEFORE INSERT ON "{schema}".events FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse_audit();
        """);

    public static Task AllowAsync(string schema) => ExecuteAsync($"""DROP TRIGGER IF EXISTS refuse_audit ON "{schema}".events;""");

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"""DROP SCHEMA IF EXISTS "{schema}" CASCADE;""");

    static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ApiSilo.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
