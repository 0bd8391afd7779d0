using CityActors.Runtime.Hosting;
using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Support;

/// <summary>A real backend that fails the batches a test picks: before committing them, or after (stored, but the answer lost).</summary>
public sealed class FaultyBackend(IStorageBackend inner) : IStorageBackend
{
    Func<StorageOperation, bool>? _loseAnswer;

    /// <summary>Batches this matches are refused, nothing of them stored; null refuses none.</summary>
    public Func<StorageOperation, bool>? Refuse { get; set; }

    /// <summary>The next batch with an operation <paramref name="match"/> matches commits, then fails as a connection dropped before the commit's answer would.</summary>
    public void LoseTheAnswerTo(Func<StorageOperation, bool> match) => Volatile.Write(ref _loseAnswer, match);

    public string Name => inner.Name;

    public async Task CommitAsync(IReadOnlyList<StorageOperation> batch, CancellationToken cancellationToken)
    {
        if (Refuse is { } refuse && batch.Any(refuse))
            throw new IOException("refused by the test");
        var loseAnswer = Volatile.Read(ref _loseAnswer) is { } match && batch.Any(match);
        await inner.CommitAsync(batch, cancellationToken);
        if (loseAnswer)
        {
            _loseAnswer = null;
            throw new IOException("connection reset after the commit, before its answer");
        }
    }

    public Task<long> InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => inner.GetSchemaVersionAsync(cancellationToken);

    public Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
        => inner.ReadStateAsync(grainId, stateName, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grainId, long fromVersion, long toVersion, CancellationToken cancellationToken)
        => inner.ReadJournalAsync(grainId, fromVersion, toVersion, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadJournalByTimeAsync(GrainId grainId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => inner.ReadJournalByTimeAsync(grainId, from, to, cancellationToken);

    public Task<long> ReadJournalVersionAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadJournalVersionAsync(grainId, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamNamespace, long afterPosition, long upToPosition, int maxCount, CancellationToken cancellationToken)
        => inner.ReadStreamAsync(streamNamespace, afterPosition, upToPosition, maxCount, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(CancellationToken cancellationToken) => inner.ReadRemindersAsync(cancellationToken);

    public Task<IReadOnlyList<StreamCursor>> ReadCursorsAsync(CancellationToken cancellationToken) => inner.ReadCursorsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

public static class FaultyBackendExtensions
{
    /// <summary>Puts a <see cref="FaultyBackend"/> in front of the storage the silo was given.</summary>
    public static SiloBuilder UseFaultyStorage(this SiloBuilder silo, Action<FaultyBackend> created)
    {
        var chosen = silo.Services.Last(d => d.ServiceType == typeof(IStorageBackend)).ImplementationFactory!;
        return silo.UseStorage(services =>
        {
            var faulty = new FaultyBackend((IStorageBackend)chosen(services));
            created(faulty);
            return faulty;
        });
    }
}
