using System.Globalization;
using System.Security.Cryptography;
using CityActors.Grains.Facilities;
using CityActors.Grains.Kinds;

namespace CityActors.Grains.Imports;

/// <summary>Upserts the facilities of a registry file by id through <see cref="IFacilityGrain.RegisterAsync"/>.</summary>
/// <remarks>
/// Rows are read, checked against the kind registry and compared with the grains before the first write. A write a facility
/// refuses stops the import before its next batch unless it is partial; importing the file again writes what is missing.
/// </remarks>
sealed class FacilityImporter(IGrainFactory grains, string city, TimeProvider time)
{
    // Calls in flight at once: each new activation reads its journal on its own database connection.
    const int Parallel = 16;

    public async Task<ImportResult> ImportAsync(ImportRequest request)
    {
        var tally = new ImportTally(request.FileName);
        tally.Expect("facility");
        var rows = FacilityFiles.Read(request.Content, request.FileName, tally);
        rows = Unique(rows, tally);
        var kinds = (await grains.GetGrain<IKindRegistryGrain>(city).GetKindsAsync()).Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        var snapshots = new List<FacilitySnapshot>(rows.Count);
        foreach (var chunk in rows.Chunk(Parallel))
            snapshots.AddRange(await Task.WhenAll(chunk.Select(r => grains.GetGrain<IFacilityGrain>(r.Id).GetSnapshotAsync())));

        var work = new List<FacilityRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, id, wanted) = rows[i];
            var current = snapshots[i].Registration;
            if (Problem(wanted, current, kinds) is { } problem)
            {
                tally.Failed("facility", line, $"{id}: {problem}");
                continue;
            }
            if (current is null)
            {
                tally.Created("facility", id, line, [.. FacilityColumns.Fields(wanted).Select(f => new FieldChange(f.Key, null, f.Value))]);
                work.Add(rows[i]);
            }
            else if (current != wanted)
            {
                var before = FacilityColumns.Fields(current);
                tally.Changed("facility", id, line, [.. FacilityColumns.Fields(wanted).Where(f => before[f.Key] != f.Value).Select(f => new FieldChange(f.Key, before[f.Key], f.Value))]);
                work.Add(rows[i]);
            }
            else
            {
                tally.Unchanged("facility");
            }
        }
        if (request.DryRun || (tally.Errors.Count > 0 && !request.Partial))
            return tally.ToResult(applied: false, request.DryRun);

        // The id names the file and this run: importing file A, then B, then A again is three changes, not a repeat of the first.
        var run = $"{Convert.ToHexStringLower(SHA256.HashData(request.Content))[..16]}@{time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}";
        var context = new ChangeContext($"urn:{city}:import:facilities", run, string.IsNullOrWhiteSpace(request.By) ? null : request.By, $"{request.FileName}: facility registry");
        var writes = new ImportWrites(tally, request.Partial);
        foreach (var chunk in work.Chunk(Parallel))
        {
            if (writes.Stopped)
                break;
            await Task.WhenAll(chunk.Select(row => writes.RunAsync("facility", row.Id, row.Line,
                () => grains.GetGrain<IFacilityGrain>(row.Id).RegisterAsync(row.Registration, context with { Id = $"{run}:{row.Id}" }))));
        }
        return writes.Stopped ? tally.ToResult(applied: false, dryRun: false, interrupted: true) : tally.ToResult(applied: true, dryRun: false);
    }

    /// <summary>The first row of an id wins; a later one is an error naming both lines.</summary>
    static List<FacilityRow> Unique(List<FacilityRow> rows, ImportTally tally)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<FacilityRow>(rows.Count);
        foreach (var row in rows)
        {
            if (first.TryAdd(row.Id, row.Line))
                unique.Add(row);
            else
                tally.Failed("facility", row.Line, $"{row.Id}: the id appears again (first at line {first[row.Id]})");
        }
        return unique;
    }

    static string? Problem(FacilityRegistration wanted, FacilityRegistration? current, HashSet<string> kinds)
    {
        try
        {
            FacilityValidation.ValidateRegistration(wanted);
        }
        catch (ValidationException e)
        {
            return e.Message;
        }
        if (!kinds.Contains(wanted.Kind))
            return $"kind: \"{wanted.Kind}\" is not a facility kind of the city ({string.Join(", ", kinds.Order(StringComparer.Ordinal))}).";
        if (current is not null && current.Kind != wanted.Kind)
            return $"kind: a facility's kind cannot change (it is \"{current.Kind}\").";
        return null;
    }
}
