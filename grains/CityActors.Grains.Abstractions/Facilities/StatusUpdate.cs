namespace CityActors.Grains.Facilities;

/// <summary>What a facility (or its department) reports: its status and any readings, as observed at one moment.</summary>
/// <param name="Status">One of the kind's status codes.</param>
/// <param name="Readings">Readings by name; those not given keep their last value.</param>
/// <param name="ObservedAt">When the facility was in this state (device or operator time).</param>
/// <param name="Source">CloudEvents <c>source</c>: who sends it, such as <c>urn:zhytomyr:transport/signal-controller</c>.</param>
/// <param name="Id">CloudEvents <c>id</c>, unique within <paramref name="Source"/>: the idempotency key.</param>
/// <param name="By">The person acting, when not the source itself.</param>
/// <param name="Reason">Why, when a person says so.</param>
public sealed record StatusUpdate(
    string Status,
    IReadOnlyDictionary<string, double> Readings,
    DateTimeOffset ObservedAt,
    string Source,
    string Id,
    string? By = null,
    string? Reason = null);

/// <summary>What a status update did.</summary>
public enum UpdateOutcome
{
    /// <summary>It changed the live state and is in the history.</summary>
    Applied,

    /// <summary>It changed nothing: last-seen was refreshed, the history did not grow.</summary>
    Heartbeat,

    /// <summary>It was observed before what the live state already shows: it is in the history, live state is unchanged.</summary>
    Late,

    /// <summary>The same source and id arrived before: nothing changed.</summary>
    Duplicate,
}

/// <summary>The outcome of a status update and the facility's journal version after it.</summary>
public sealed record UpdateResult(UpdateOutcome Outcome, long Version);
