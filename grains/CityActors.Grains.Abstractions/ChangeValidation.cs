namespace CityActors.Grains;

/// <summary>Checks the who-and-why of a change before anything is stored.</summary>
public static class ChangeValidation
{
    const int MaxLength = 256;

    public static void Validate(ChangeContext change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Validate(change.Source, change.Id);
        if (change.By is { Length: > MaxLength })
            throw new ValidationException("by", $"must be at most {MaxLength} characters.");
        if (change.Reason is { Length: > 2000 })
            throw new ValidationException("reason", "must be at most 2,000 characters.");
    }

    /// <summary>Source and id together are the idempotency key, so both must be there.</summary>
    public static void Validate(string? source, string? id)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > MaxLength)
            throw new ValidationException("source", $"is required (CloudEvents source, at most {MaxLength} characters).");
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength)
            throw new ValidationException("id", $"is required (CloudEvents id, unique within the source, at most {MaxLength} characters).");
    }
}
