using System.CommandLine;
using System.Globalization;
using CityActors.ClientApi.Contracts;
using CityActors.Grains.Concept;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl's commands on the Concept: its status rules and per-project status overrides.</summary>
public static partial class Commands
{
    public static Command Concept()
    {
        var rules = new Command("status-rules", "Lists the ordered rules that give a report text its status class: the first that matches decides");
        rules.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var table = await client.StatusRulesAsync(cancellation);
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(table);
                return ExitCodes.Ok;
            }
            foreach (var rule in table)
                Console.Out.WriteLine($"{rule.Order.ToString(CultureInfo.InvariantCulture)}. {Camel(rule.StatusClass.ToString())}: {rule.Recognises}\n   {rule.Pattern}");
            return ExitCodes.Ok;
        }));
        return new Command("concept", "The Concept of Integrated Development: how report texts are classed") { rules };
    }

    public static Command Projects()
    {
        var project = new Argument<string>("project") { Description = "The project's key or position: p1.g1.t1.biznes-platforma or p1.g1.t1.pr1" };
        var statusClass = new Argument<string?>("status-class")
        {
            Description = "implemented, inProgress, notImplemented, suspendedMartialLaw, noLongerNeeded or noInformation",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded with who)" };
        var remove = new Option<bool>("--remove") { Description = "Remove the override: the rules decide the class again" };
        var command = new Command("status-override", "Gives a project a status class whatever its report text says, for every year and later imports (planner, admin)")
            { project, statusClass, reason, remove };
        command.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var value = parse.GetValue(statusClass);
            StatusClass parsed = default;
            if (parse.GetValue(remove) == (value is not null)
                || (value is not null && (!Enum.TryParse(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out parsed) || !Enum.IsDefined(parsed))))
            {
                Console.Error.WriteLine("Give a status class (implemented, inProgress, notImplemented, suspendedMartialLaw, noLongerNeeded, noInformation) or --remove.");
                return ExitCodes.Usage;
            }
            var details = parse.GetValue(remove)
                ? await client.RemoveStatusOverrideAsync(parse.GetValue(project)!, parse.GetValue(reason), cancellation)
                : await client.SetStatusOverrideAsync(parse.GetValue(project)!, new StatusOverrideRequest(parsed, parse.GetValue(reason)), cancellation);
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(details);
                return ExitCodes.Ok;
            }
            var years = details.Concept?.Years ?? [];
            Console.Out.WriteLine($"{details.Project.Key}: {(years.Count == 0 ? "no yearly report yet" : string.Join(", ", years.Select(y =>
                $"{y.Year.ToString(CultureInfo.InvariantCulture)} {Camel(y.StatusClass.ToString())}{(y.Overridden ? " (override)" : " (by the rules)")}")))}");
            return ExitCodes.Ok;
        }));
        return new Command("projects", "The Concept's projects") { command };
    }

    static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
