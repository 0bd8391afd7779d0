using System.CommandLine;
using System.Net.Sockets;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl: the command line of the CityActors API. Every command has <c>--help</c>; exit codes are in <see cref="ExitCodes"/>.</summary>
public static class CityCtl
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "The silo's address (environment: CITYCTL_URL; default http://localhost:5000)",
        Recursive = true,
    };

    /// <remarks>No default value: help would print the secret from the environment.</remarks>
    public static readonly Option<string?> Key = new("--key")
    {
        Description = "Your API key (environment: CITYCTL_KEY); without one, only the public view",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the API's JSON instead of tables", Recursive = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("cityctl — push facility status, list facilities and alarms, manage keys, run imports, download reports (CityActors, Zhytomyr)");
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
        root.Subcommands.Add(Commands.Me());
        root.Subcommands.Add(Commands.Push());
        root.Subcommands.Add(Commands.PushFile());
        root.Subcommands.Add(Commands.Facilities());
        root.Subcommands.Add(Commands.Alarms());
        root.Subcommands.Add(Commands.Kinds());
        root.Subcommands.Add(Commands.Keys());
        root.Subcommands.Add(Commands.Import());
        root.Subcommands.Add(Commands.Concept());
        root.Subcommands.Add(Commands.Projects());
        root.Subcommands.Add(Commands.Export());
        root.Subcommands.Add(Commands.Report());
        root.Subcommands.Add(Commands.Audit());
        root.Subcommands.Add(Commands.Migrate());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("See cityctl --help.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>Runs a command's work and turns failures into a message and an exit code.</summary>
    public static async Task<int> GuardAsync(ParseResult parse, Func<CityClient, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(work);
        var url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable("CITYCTL_URL") ?? "http://localhost:5000";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"--url '{url}' is not an http(s) address.");
            return ExitCodes.Usage;
        }
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        if ((parse.GetValue(Key) ?? Environment.GetEnvironmentVariable("CITYCTL_KEY")) is { Length: > 0 } key)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        try
        {
            return await work(new CityClient(client));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("See cityctl --help.");
            return ExitCodes.Usage;
        }
        catch (CityApiException e)
        {
            Console.Error.WriteLine($"{(int)e.Status} {e.Title}{(e.Field is null ? "" : $" [{e.Field}]")}: {e.Detail}");
            if (e.RetryAfter is { } wait)
                Console.Error.WriteLine($"Retry after {wait.TotalSeconds:0} s.");
            return ExitCodes.Of(e);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.StatusCode is null)
        {
            Console.Error.WriteLine($"Cannot reach {client.BaseAddress}: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException)
        {
            Console.Error.WriteLine($"{client.BaseAddress} did not answer in time.");
            return ExitCodes.Unavailable;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
    }

    public static void PrintJson(object value) => Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, CityClient.Json));

    public static IAnsiConsole Out { get; } = AnsiConsole.Console;
}

/// <summary>A command line that parsed but means nothing (an option value outside its set): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
