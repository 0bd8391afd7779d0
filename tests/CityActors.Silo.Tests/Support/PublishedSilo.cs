using System.Diagnostics;

namespace CityActors.Silo.Tests;

/// <summary>The silo as it is deployed: <c>dotnet publish</c> of the built project into a folder of its own, once per test run.</summary>
public static class PublishedSilo
{
    static readonly Lazy<Task<string>> s_assembly = new(PublishAsync);

    /// <summary>The published <c>CityActors.Silo.dll</c>.</summary>
    public static Task<string> AssemblyAsync() => s_assembly.Value;

    static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"cityactors-published-{Guid.NewGuid():N}");
        var project = Path.Combine(Repository.Root, "silo", "CityActors.Silo", "CityActors.Silo.csproj");
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", Repository.Configuration, "--no-build", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await log}\n{await errors}");
        return Path.Combine(output, "CityActors.Silo.dll");
    }
}
