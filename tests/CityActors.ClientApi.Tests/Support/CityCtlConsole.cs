namespace CityActors.ClientApi.Tests.Support;

/// <summary>Runs cityctl in this process and keeps what it printed on standard output.</summary>
/// <remarks>Standard output is the process's own, so the classes that read it share one collection and run one at a time.</remarks>
public static class CityCtlConsole
{
    public const string Collection = "cityctl on standard output";

    public static async Task<(int Code, string Output)> PrintedAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var code = await run();
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}

[CollectionDefinition(CityCtlConsole.Collection)]
public sealed class CityCtlConsoleCollection;
