namespace CityActors.Runtime;

/// <summary>A grain call would wait for itself: a cycle of non-reentrant grains.</summary>
/// <remarks>Orleans lets such a call hang until it times out; the runtime fails it at once and names the cycle.</remarks>
public sealed class DeadlockException(string message, IReadOnlyList<GrainId> callChain) : Exception(message)
{
    /// <summary>The grains of the cycle, from the first caller to the grain called again.</summary>
    public IReadOnlyList<GrainId> CallChain { get; } = callChain;
}

/// <summary>Storage holds a newer version than the activation read: another writer got there first.</summary>
/// <remarks>The activation that sees it is deactivated, so that the next call reads the stored state afresh.</remarks>
public sealed class InconsistentStateException(string message, string? storedETag, string? currentETag) : Exception(message)
{
    public string? StoredETag { get; } = storedETag;
    public string? CurrentETag { get; } = currentETag;
}

/// <summary>A call reached a silo that is stopping or stopped.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
