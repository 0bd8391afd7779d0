using System.ComponentModel.DataAnnotations;

namespace CityActors.Silo.Extensions;

/// <summary>Where the silo keeps its data: section <c>Storage</c>, environment variables <c>Storage__*</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (the embedded default: one file, no server) or <c>Postgres</c>.</summary>
    [Required]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteSection Sqlite { get; set; } = new();

    public PostgresSection Postgres { get; set; } = new();

    public sealed class SqliteSection
    {
        /// <summary>Path of the database file; its folder is created when missing.</summary>
        public string DataSource { get; set; } = "data/cityactors.db";
    }

    public sealed class PostgresSection
    {
        /// <summary>An Npgsql connection string, such as <c>Host=db;Username=cityactors;Password=…;Database=cityactors</c>.</summary>
        public string? ConnectionString { get; set; }

        /// <summary>The schema the tables live in.</summary>
        public string Schema { get; set; } = "cityactors";
    }
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
