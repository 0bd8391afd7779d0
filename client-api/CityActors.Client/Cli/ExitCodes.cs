namespace CityActors.Client.Cli;

/// <summary>What cityctl's exit code tells a script.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something unexpected: a bug, a file that cannot be read.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The API refused the input (400, 404, 413, 415, 422): fix it, do not retry it.</summary>
    public const int Refused = 3;

    /// <summary>No key, an unknown key, or a key not allowed to do this (401, 403), for a file too when any batch of it was not allowed.</summary>
    public const int NotAllowed = 4;

    /// <summary>The silo cannot be reached, is rate limiting (429) or its storage is down (503): retry later.</summary>
    public const int Unavailable = 5;

    /// <summary>Part of the work was refused for its content: some batches of a file, an import with errors.</summary>
    public const int Partial = 6;

    public static int Of(CityApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (int)exception.Status switch
        {
            401 or 403 => NotAllowed,
            429 or 502 or 503 or 504 => Unavailable,
            >= 400 and < 500 => Refused,
            _ => Failed,
        };
    }
}
