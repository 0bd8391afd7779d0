namespace CityActors.Silo.Tests;

/// <summary>Where the repository is, and which configuration these tests were built in.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityActors.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("CityActors.sln not found above the test folder.");
    }
}
