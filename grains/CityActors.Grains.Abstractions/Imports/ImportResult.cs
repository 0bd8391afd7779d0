namespace CityActors.Grains.Imports;

/// <summary>What an import did, or would do on a dry run.</summary>
/// <param name="FileName">The imported file's name.</param>
/// <param name="Applied">Whether the import was applied: all of it, or with <see cref="ImportRequest.Partial"/> its good rows. False on a
/// dry run, when errors in the file stopped it before its first write, and when a write failed part-way (see <see cref="Interrupted"/>).</param>
/// <param name="DryRun">Whether the request was a dry run.</param>
/// <param name="Counts">Per entity type (<c>department</c>, <c>project</c>, <c>report</c>, <c>facility</c>): created, changed, unchanged, failed, withdrawn.</param>
/// <param name="Changes">Each entity created or changed (or that would be, on a dry run), with the fields that differ.</param>
/// <param name="Errors">What could not be read or applied, each with file, line and reason.</param>
/// <param name="Warnings">What the reader repaired or assumed, with file and line; nothing was lost.</param>
public sealed record ImportResult(
    string FileName,
    bool Applied,
    bool DryRun,
    IReadOnlyList<ImportCounts> Counts,
    IReadOnlyList<ImportChange> Changes,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportError> Warnings)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>A write failed part-way through an import that was not partial: the changes before it are written, the rest are not.</summary>
    /// <remarks>Each project and department is a grain of its own, so there is no transaction across them; importing the same file
    /// again compares afresh and writes only what is still missing, which completes the import.</remarks>
    public bool Interrupted { get; init; }
}

/// <summary>How many entities of one type an import created, changed, left unchanged, failed on, or withdrew.</summary>
/// <param name="Entity"><c>department</c>, <c>project</c>, <c>report</c> (a project's yearly report) or <c>facility</c>.</param>
/// <param name="Withdrawn">Reports of projects whose rows a new edition of the same year's report no longer has.</param>
public sealed record ImportCounts(string Entity, int Created, int Changed, int Unchanged, int Failed, int Withdrawn = 0);

/// <summary>One entity an import creates or changes.</summary>
/// <param name="Entity">As in <see cref="ImportCounts.Entity"/>.</param>
/// <param name="Key">The grain key of the entity (<c>school-025</c>, a project key).</param>
/// <param name="Kind">Created, changed or withdrawn.</param>
/// <param name="Line">The line of the file it comes from, when it comes from one line.</param>
/// <param name="Fields">The fields that differ; for a created entity, the fields it gets; for a withdrawn one, the fields it had.</param>
public sealed record ImportChange(string Entity, string Key, ImportChangeKind Kind, int? Line, IReadOnlyList<FieldChange> Fields);

/// <summary>Whether an import creates an entity, changes one that exists, or withdraws it (a report whose row a new edition dropped).</summary>
public enum ImportChangeKind
{
    Created,
    Changed,
    Withdrawn,
}

/// <summary>One field's value before and after; <see cref="Before"/> is null for a created entity, <see cref="After"/> for a withdrawn one.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A problem with the imported file: the file, the 1-based line (0 for the file as a whole) and the reason.</summary>
public sealed record ImportError(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
