namespace CityActors.Grains.Imports;

/// <summary>Collects what an import finds, entity by entity, and turns it into an <see cref="ImportResult"/>.</summary>
sealed class ImportTally(string file)
{
    readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    readonly List<ImportChange> _changes = [];

    public string File { get; } = file;

    public List<ImportError> Errors { get; } = [];

    public List<ImportError> Warnings { get; } = [];

    public int ChangeCount => _changes.Count;

    public void Created(string entity, string key, int? line, IReadOnlyList<FieldChange> fields)
    {
        Count(entity, 0);
        _changes.Add(new ImportChange(entity, key, ImportChangeKind.Created, line, fields));
    }

    public void Changed(string entity, string key, int? line, IReadOnlyList<FieldChange> fields)
    {
        Count(entity, 1);
        _changes.Add(new ImportChange(entity, key, ImportChangeKind.Changed, line, fields));
    }

    public void Unchanged(string entity) => Count(entity, 2);

    public void Withdrawn(string entity, string key, IReadOnlyList<FieldChange> fields)
    {
        Count(entity, 4);
        _changes.Add(new ImportChange(entity, key, ImportChangeKind.Withdrawn, null, fields));
    }

    public void Failed(string entity, int line, string reason)
    {
        Count(entity, 3);
        Errors.Add(new ImportError(File, line, reason));
    }

    public void Error(int line, string reason) => Errors.Add(new ImportError(File, line, reason));

    /// <summary>Makes sure an entity type shows in the counts even when the file had none of it.</summary>
    public void Expect(params string[] entities)
    {
        foreach (var entity in entities)
            _counts.TryAdd(entity, new int[5]);
    }

    public ImportResult ToResult(bool applied, bool dryRun, bool interrupted = false) => new(
        File,
        applied,
        dryRun,
        [.. _counts.Select(c => new ImportCounts(c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3], c.Value[4]))],
        [.. _changes],
        [.. Errors.OrderBy(e => e.Line)], // OrderBy is stable: one line's errors keep their order
        [.. Warnings])
    {
        Interrupted = interrupted,
    };

    void Count(string entity, int column)
    {
        if (!_counts.TryGetValue(entity, out var row))
            _counts[entity] = row = new int[5];
        row[column]++;
    }
}
