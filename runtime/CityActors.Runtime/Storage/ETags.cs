using System.Globalization;

namespace CityActors.Runtime.Storage;

/// <summary>ETags are the decimal text of the stored version number.</summary>
internal static class ETags
{
    /// <summary>False for anything the store never hands out (such as <c>*</c> on a clear): it can only be a conflict.</summary>
    public static bool TryParse(string etag, out long version)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
