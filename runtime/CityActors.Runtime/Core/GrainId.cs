namespace CityActors.Runtime;

/// <summary>Identifies one grain: its grain type (such as <c>facility</c>) and its string key.</summary>
/// <remarks>Written as <c>type/key</c>. The key may contain any character, slashes included.</remarks>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
