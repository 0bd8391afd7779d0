namespace CityActors.Grains.Facilities;

/// <summary>A 64-bit hash of a (source, id) pair, so a facility can remember recent keys in a few bytes each.</summary>
/// <remarks>
/// FNV-1a: stable across processes (string.GetHashCode is not). A collision would make two different updates look
/// like one; at 64 bits among a facility's last few keys that chance is about 10⁻¹⁸.
/// </remarks>
public static class IdempotencyKey
{
    const ulong Offset = 14695981039346656037;
    const ulong Prime = 1099511628211;

    public static long Of(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        var hash = Offset;
        hash = Mix(hash, source);
        hash = (hash ^ 0xFFFF) * Prime;
        hash = Mix(hash, id);
        return unchecked((long)hash);
    }

    public static long Of(ChangeInfo change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Of(change.Source, change.Id);
    }

    static ulong Mix(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }
}
