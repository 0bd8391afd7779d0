namespace CityActors.Runtime.Storage.Sqlite;

/// <summary>Where the SQLite backend keeps its one database file, and how it keeps its journal heads.</summary>
/// <param name="DataSource">Path of the database file; it is created when missing.</param>
/// <param name="JournalCheckpointEvents">
/// Events written after which the heads of the grains' journals are written to the file in bulk. After a crash the
/// next start reads at most this many events to find them again (about a second per million); a clean stop writes them.
/// </param>
public sealed record SqliteStorageOptions(string DataSource = "cityactors.db", int JournalCheckpointEvents = 1_000_000);
