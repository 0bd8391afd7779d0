namespace CityActors.Runtime.Storage;

/// <summary>Named state of a grain, read when the grain activates and written when the grain says so.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; replace it or change it, then call <see cref="WriteStateAsync"/>.</summary>
    TState State { get; set; }

    /// <summary>The version read or last written; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>Writes the state; returns once it is durable.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the stored state; this activation is deactivated.</exception>
    Task WriteStateAsync();

    Task ClearStateAsync();
}

/// <summary>Something an activation loads before its grain's <c>OnActivateAsync</c>.</summary>
internal interface IPersistentStateLoader
{
    Task LoadAsync();
}

internal sealed class PersistentState<TState>(ActivationData activation, string stateName, GrainStorage storage) : IPersistentState<TState>, IPersistentStateLoader
{
    public TState State { get; set; } = CreateDefault();
    public string? Etag { get; private set; }
    public bool RecordExists { get; private set; }

    Task IPersistentStateLoader.LoadAsync() => ReadStateAsync();

    public async Task ReadStateAsync()
    {
        var stored = await storage.Backend.ReadStateAsync(activation.GrainId, stateName, CancellationToken.None);
        if (stored is null)
        {
            State = CreateDefault();
            Etag = null;
            RecordExists = false;
            return;
        }
        State = storage.Serializer.Deserialize<TState>(stored.Payload);
        Etag = stored.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync()
    {
        var operation = new WriteStateOperation(activation.GrainId, stateName, Etag, storage.Serializer.Serialize(State));
        await storage.CommitAsync(operation);
        if (operation.Conflict)
            throw Conflict(operation.CurrentETag);
        Etag = operation.NewETag;
        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        var operation = new ClearStateOperation(activation.GrainId, stateName, Etag);
        await storage.CommitAsync(operation);
        if (operation.Conflict)
            throw Conflict(operation.CurrentETag);
        State = CreateDefault();
        Etag = null;
        RecordExists = false;
    }

    InconsistentStateException Conflict(string? currentETag)
    {
        activation.DeactivateAfterConflict();
        RuntimeLog.StateConflict(activation.Catalog.Logger, activation.GrainId, stateName);
        return new InconsistentStateException(
            $"State '{stateName}' of {activation.GrainId} was changed by another writer: this activation read version {Etag ?? "(none)"}, storage holds {currentETag ?? "(none)"}.",
            Etag, currentETag);
    }

    static TState CreateDefault()
        => typeof(TState).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<TState>() : default!;
}
