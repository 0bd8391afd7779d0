namespace CityActors.Grains.Imports;

/// <summary>Runs the import's writes: a refused one is an error with the row's line; without partial, it stops the writes not yet started.</summary>
sealed class ImportWrites(ImportTally tally, bool partial)
{
    volatile bool _stopped;

    public bool Stopped => _stopped;

    public async Task<bool> RunAsync(string entity, string key, int? line, Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Validation ran before the first write, so a refusal here is an outage or a grain holding something the file did not expect.
            var stop = partial ? "" : "; the import stopped here: import the file again to write the rest";
            lock (tally)
                tally.Failed(entity, line ?? 0, $"{entity} {key}: not written: {e.Message}{stop}");
            if (!partial)
                _stopped = true;
            return false;
        }
    }
}
