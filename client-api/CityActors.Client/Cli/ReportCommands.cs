using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl's report subcommands: build a year's report now, list its versions.</summary>
public static partial class Commands
{
    static Command ReportBuild()
    {
        var year = new Argument<int>("year") { Description = "The report's year, e.g. 2025" };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The moment it speaks for (ISO 8601); the year's end once it is over, else now" };
        var command = new Command("build", "Builds the year's report now (planner or admin); a new version only when its content changed: cityctl report build 2025") { year, asOf };
        command.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var built = await client.BuildReportAsync(parse.GetValue(year), parse.GetValue(asOf), cancellation);
            if (parse.GetValue(CityCtl.Json))
                CityCtl.PrintJson(built);
            else
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{built.Year}: version {built.Version} as of {built.AsOf.ToLocalTime():yyyy-MM-dd HH:mm}, stream position {built.Sequence}, {built.Counts.StatusChanges} status changes, {built.Counts.ProjectReports} project reports, sha256 {built.ContentHash}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    static Command ReportVersions()
    {
        var year = new Argument<int>("year") { Description = "The report's year, e.g. 2025" };
        var command = new Command("versions", "Lists every version of the year's report with what it was built from: cityctl report versions 2025") { year };
        command.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var versions = await client.ReportVersionsAsync(parse.GetValue(year), cancellation);
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(versions);
                return ExitCodes.Ok;
            }
            if (versions.Count == 0)
            {
                Console.Out.WriteLine($"No version of the {parse.GetValue(year).ToString(CultureInfo.InvariantCulture)} report yet: cityctl report build builds one, and downloading it builds the first.");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Version", "As of", "Position", "Status changes", "Outages", "Alarms", "Project reports", "SHA-256", "Built");
            foreach (var v in versions)
            {
                table.AddRow(Invariant(v.Version), v.AsOf.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Invariant(v.Sequence),
                    Invariant(v.Counts.StatusChanges), Invariant(v.Counts.Outages), Invariant(v.Counts.Alarms), Invariant(v.Counts.ProjectReports),
                    v.ContentHash[..16] + "…", v.BuiltAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }
            CityCtl.Out.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
