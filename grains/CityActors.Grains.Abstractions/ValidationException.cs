namespace CityActors.Grains;

/// <summary>Input that breaks a rule: it was rejected and changed nothing.</summary>
/// <remarks>The HTTP API turns it into RFC 9457 problem details, with <see cref="Field"/> as the invalid parameter.</remarks>
public sealed class ValidationException(string field, string reason) : Exception($"{field}: {reason}")
{
    /// <summary>The field that was wrong, as a path: <c>readings.temperature</c>, <c>status</c>.</summary>
    public string Field { get; } = field;

    /// <summary>What was wrong with it, in words an operator understands.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A command reached a grain that was never registered (a facility, project or department).</summary>
public sealed class NotRegisteredException(string entity, string key) : Exception($"{entity} '{key}' is not registered.")
{
    public string Entity { get; } = entity;
    public string Key { get; } = key;
}
