using System.CommandLine;
using System.Globalization;
using CityActors.Grains.Access;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl's administrative commands: keys, imports, exports, reports, audit.</summary>
public static partial class Commands
{
    public static Command Keys()
    {
        var name = new Option<string>("--name") { Description = "Who holds it: \"Департамент освіти — диспетчер\"", Required = true };
        var role = new Option<string>("--role") { Description = "admin, operator, department or planner", Required = true };
        var department = new Option<string?>("--department") { Description = "The department id, for a department key: education, transport, …" };
        var create = new Command("create", "Creates a key and prints its secret (shown only this once)") { name, role, department };
        create.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            if (!Enum.TryParse<ApiRole>(parse.GetValue(role), ignoreCase: true, out var parsedRole) || !Enum.IsDefined(parsedRole))
            {
                Console.Error.WriteLine("--role must be admin, operator, department or planner.");
                return ExitCodes.Usage;
            }
            var created = await client.CreateKeyAsync(new ApiKeyRequest(parse.GetValue(name)!, parsedRole, parse.GetValue(department)));
            if (parse.GetValue(CityCtl.Json))
                CityCtl.PrintJson(created);
            else
            {
                Console.Error.WriteLine($"Key {created.Key.Id} for {created.Key.Name} ({parsedRole.ToString().ToLowerInvariant()}). The secret is shown only now:");
                Console.Out.WriteLine(created.Secret);
            }
            return ExitCodes.Ok;
        }));
        var list = new Command("list", "Lists keys (never their secrets)");
        list.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var keys = await client.ListKeysAsync();
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(keys);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Id", "Name", "Role", "Department", "Created", "Revoked");
            foreach (var k in keys)
            {
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Role.ToString().ToLowerInvariant(), Markup.Escape(k.Department ?? ""),
                    $"{k.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm} {Markup.Escape(k.CreatedBy)}", k.RevokedAt is { } r ? $"{r.ToLocalTime():yyyy-MM-dd HH:mm} {Markup.Escape(k.RevokedBy ?? "")}" : "");
            }
            CityCtl.Out.Write(table);
            return ExitCodes.Ok;
        }));
        var id = new Argument<string>("id") { Description = "The key's id (cityctl keys list)" };
        var revoke = new Command("revoke", "Revokes a key") { id };
        revoke.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var revoked = await client.RevokeKeyAsync(parse.GetValue(id)!);
            Console.Out.WriteLine($"Key {revoked.Id} ({revoked.Name}) revoked.");
            return ExitCodes.Ok;
        }));
        return new Command("keys", "Creates, lists and revokes API keys (admin)") { create, list, revoke };
    }

    public static Command Import()
    {
        return new Command("import", "Imports the Concept report or a facility registry, with a progress bar; --dry-run prints what would change (admin, planner)") { ImportOf("concept", "The Concept report (the city's yearly text report)"), ImportOf("facilities", "A facility registry, CSV or JSON") };
    }

    static Command ImportOf(string what, string description)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to import" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; change nothing" };
        var partial = new Option<bool>("--partial") { Description = "Apply the good rows even when some have errors" };
        var command = new Command(what, description) { file, dryRun, partial };
        command.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, client =>
            ImportFile.RunAsync(client, what, parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(partial), parse.GetValue(CityCtl.Json), cancellation)));
        return command;
    }

    public static Command Export()
    {
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write it; the name the silo gives when not set" };
        var facilities = new Command("facilities", "Downloads the facility registry") { format, output };
        facilities.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
            await SaveAsync(await client.DownloadAsync($"api/v1/exports/facilities?format={Uri.EscapeDataString(parse.GetValue(format)!)}", cancellation),
                parse.GetValue(output), $"facilities.{parse.GetValue(format)}", cancellation)));
        return new Command("export", "Downloads registries") { facilities };
    }

    public static Command Report()
    {
        var year = new Argument<int>("year") { Description = "The report's year, e.g. 2025" };
        var format = new Option<string>("--format") { Description = "docx, html, csv (a ZIP of tables), json or tsv (the Concept's tab-separated form)", DefaultValueFactory = _ => "docx" };
        var version = new Option<int?>("--version") { Description = "An earlier version of the report; the latest when not set" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write it; the name the silo gives when not set" };
        var report = new Command("report", "Downloads the annual report for a year (built first when it has no version yet): cityctl report 2025 --format docx; builds it and lists its versions")
            { year, format, version, output, ReportBuild(), ReportVersions() };
        report.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var y = parse.GetValue(year).ToString(CultureInfo.InvariantCulture);
            var f = parse.GetValue(format)!;
            var path = $"api/v1/reports/{y}.{Uri.EscapeDataString(f)}{(parse.GetValue(version) is { } v ? $"?version={v.ToString(CultureInfo.InvariantCulture)}" : "")}";
            return await SaveAsync(await client.DownloadAsync(path, cancellation), parse.GetValue(output), $"zvit-{y}.{f}", cancellation);
        }));
        return report;
    }

    public static Command Audit()
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "From (ISO 8601); a day ago when not set" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "To (ISO 8601); now when not set" };
        var action = new Option<string?>("--action") { Description = "facility.status, facility.batch, alarm.acknowledge, key.create, …" };
        var target = new Option<string?>("--target") { Description = "A facility, project or key id" };
        var command = new Command("audit", "Lists write requests: who, when, from where, what") { from, to, action, target };
        command.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var page = await client.AuditAsync(parse.GetValue(from), parse.GetValue(to), parse.GetValue(action), parse.GetValue(target), 10_000);
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(page);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("When", "Who", "From", "Action", "Target", "Status", "What");
            foreach (var e in page.Items)
            {
                table.AddRow(e.At.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape($"{e.Who} ({e.KeyId})"), Markup.Escape(e.From),
                    Markup.Escape(e.Action), Markup.Escape(e.Target ?? ""), e.Status.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.What));
            }
            CityCtl.Out.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    static async Task<int> SaveAsync((byte[] Content, string? FileName) download, FileInfo? output, string fallback, CancellationToken cancellationToken)
    {
        var path = output?.FullName ?? Path.GetFileName(download.FileName?.Trim('"') ?? fallback);
        await File.WriteAllBytesAsync(path, download.Content, cancellationToken);
        Console.Out.WriteLine($"{path} ({download.Content.Length:N0} bytes)");
        return ExitCodes.Ok;
    }
}
