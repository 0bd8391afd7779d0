using System.CommandLine;
using System.Globalization;
using CityActors.ClientApi.Contracts;
using CityActors.Grains.Directory;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl's everyday commands: who am I, push, facilities, alarms.</summary>
public static partial class Commands
{
    public static Command Me()
    {
        var command = new Command("me", "Shows whom the key belongs to");
        command.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var me = await client.MeAsync();
            if (parse.GetValue(CityCtl.Json))
                CityCtl.PrintJson(me);
            else
                Console.Out.WriteLine(me.Role is null ? "No key: the public, read-only view." : $"{me.Name} ({me.Role.ToString()!.ToLowerInvariant()}{(me.Department is null ? "" : $", {me.Department}")}), key {me.KeyId}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Push()
    {
        var facility = new Argument<string>("facility") { Description = "The facility's key, such as school-025" };
        var status = new Argument<string>("status") { Description = "One of its kind's statuses, such as open or dark" };
        var readings = new Option<string[]>("--reading", "-r") { Description = "A reading as name=value (repeatable): -r temperature=19.5 -r power=1", AllowMultipleArgumentsPerToken = true };
        var observedAt = new Option<DateTimeOffset?>("--observed-at") { Description = "When it was observed (ISO 8601); now when not given" };
        var id = new Option<string?>("--id") { Description = "The update's id (idempotency: the same id twice is applied once)" };
        var source = new Option<string?>("--source") { Description = "CloudEvents source; the key's when not given" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the history" };
        var command = new Command("push", "Pushes one status update of one facility") { facility, status, readings, observedAt, id, source, reason };
        command.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(readings) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    Console.Error.WriteLine($"'{pair}' is not name=value with a number.");
                    return ExitCodes.Usage;
                }
                values[parts[0]] = value;
            }
            var result = await client.ReportStatusAsync(parse.GetValue(facility)!, new StatusUpdateRequest(parse.GetValue(status)!, values, parse.GetValue(observedAt),
                parse.GetValue(source), parse.GetValue(id), null, parse.GetValue(reason)));
            if (parse.GetValue(CityCtl.Json))
                CityCtl.PrintJson(result);
            else
                Console.Out.WriteLine($"{result.Facility}: {result.Outcome.ToString().ToLowerInvariant()} (version {result.Version}, id {result.Id})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command PushFile()
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON array or JSON Lines of updates: {\"facility\":\"school-025\",\"status\":\"open\",\"readings\":{…},\"observedAt\":…,\"id\":…}" };
        var batchSize = new Option<int>("--batch-size") { Description = "Updates per request (1–10,000)", DefaultValueFactory = _ => 500 };
        var command = new Command("push-file", "Pushes a file of status updates in batches, with a progress bar; items without an id get file:line, so a rerun applies nothing twice")
            { file, batchSize };
        command.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, client => Cli.PushFile.RunAsync(client, parse.GetValue(file)!, parse.GetValue(batchSize), parse.GetValue(CityCtl.Json), cancellation)));
        return command;
    }

    public static Command Facilities()
    {
        var kind = new Option<string?>("--kind") { Description = "Only this kind: school, shelter, traffic-signal, …" };
        var status = new Option<string?>("--status") { Description = "Only this status (offline included)" };
        var district = new Option<string?>("--district") { Description = "Only this district: Богунський, Корольовський" };
        var department = new Option<string?>("--department") { Description = "Only this department's" };
        var alarm = new Option<string?>("--alarm") { Description = "any, none, info, warning or critical" };
        var search = new Option<string?>("--search", "-q") { Description = "Text in the name or address" };
        var sort = new Option<string?>("--sort") { Description = "key, name, kind, status, district, department, lastseen, alarms" };
        var limit = new Option<int>("--limit") { Description = "How many (1–10,000)", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "How many to skip" };
        var list = new Command("list", "Lists facilities with filters") { kind, status, district, department, alarm, search, sort, limit, offset };
        list.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var page = await client.ListFacilitiesAsync(new FacilityQuery(parse.GetValue(kind), parse.GetValue(status), parse.GetValue(district), parse.GetValue(department),
                Parse(parse.GetValue(alarm), AlarmFilter.All, "--alarm"), null, parse.GetValue(search), Parse(parse.GetValue(sort), FacilitySort.Key, "--sort"), false, parse.GetValue(offset), parse.GetValue(limit)));
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(page);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Key", "Kind", "Name", "District", "Department", "Status", "Alarms", "Last seen");
            foreach (var f in page.Items)
            {
                table.AddRow(Markup.Escape(f.Key), Markup.Escape(f.Kind), Markup.Escape(f.Name), Markup.Escape(f.District), Markup.Escape(f.Department),
                    f.Available ? Markup.Escape(f.Status) : $"[red]{Markup.Escape(f.Status)}[/]", f.Alarms.Total == 0 ? "" : $"{f.Alarms.Critical}/{f.Alarms.Warning}/{f.Alarms.Info}",
                    f.LastSeenAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
            }
            CityCtl.Out.Write(table);
            CityCtl.Out.WriteLine($"{page.Offset + 1}–{page.Offset + page.Items.Count} of {page.Total}");
            return ExitCodes.Ok;
        }));
        var key = new Argument<string>("facility") { Description = "The facility's key" };
        var get = new Command("get", "Shows one facility's live state (JSON)") { key };
        get.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            CityCtl.PrintJson(await client.GetFacilityAsync(parse.GetValue(key)!));
            return ExitCodes.Ok;
        }));
        return new Command("facilities", "Lists and shows facilities") { list, get };
    }

    public static Command Alarms()
    {
        var severity = new Option<string?>("--severity") { Description = "info, warning or critical" };
        var department = new Option<string?>("--department") { Description = "Only this department's facilities" };
        var list = new Command("list", "Lists active alarms, the most severe first") { severity, department };
        list.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var page = await client.ListAlarmsAsync(parse.GetValue(severity), parse.GetValue(department), limit: 1000);
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(page);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Facility", "Name", "Alarm", "Severity", "State", "Raised", "Acknowledged by");
            foreach (var a in page.Items)
            {
                table.AddRow(Markup.Escape(a.Facility), Markup.Escape(a.FacilityName), Markup.Escape(a.Alarm.Type), a.Alarm.Severity.ToString().ToLowerInvariant(),
                    a.Alarm.State.ToString().ToLowerInvariant(), a.Alarm.RaisedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(a.Alarm.AcknowledgedBy ?? ""));
            }
            CityCtl.Out.Write(table);
            CityCtl.Out.WriteLine($"{page.Total} active alarm(s)");
            return ExitCodes.Ok;
        }));
        return new Command("alarms", "Lists, acknowledges and clears alarms") { list, AlarmAction("ack", "Acknowledges an alarm", acknowledge: true), AlarmAction("clear", "Clears an alarm", acknowledge: false) };
    }

    static Command AlarmAction(string name, string description, bool acknowledge)
    {
        var facility = new Argument<string>("facility") { Description = "The facility's key" };
        var type = new Argument<string>("type") { Description = "The alarm type: offline, dark, cold, …" };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded with who)" };
        var command = new Command(name, description) { facility, type, reason };
        command.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var request = new AlarmActionRequest(parse.GetValue(reason));
            var snapshot = acknowledge
                ? await client.AcknowledgeAlarmAsync(parse.GetValue(facility)!, parse.GetValue(type)!, request)
                : await client.ClearAlarmAsync(parse.GetValue(facility)!, parse.GetValue(type)!, request);
            Console.Out.WriteLine($"{snapshot.Key}: alarm '{parse.GetValue(type)}' {(acknowledge ? "acknowledged" : "cleared")}; {snapshot.Alarms.Count} active alarm(s) left.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>An option's value as an enum; a value that is none of them is a wrong command line (exit code 2), not a refusal by the API.</summary>
    static T Parse<T>(string? value, T fallback, string option) where T : struct, Enum
        => value is null ? fallback
            : Enum.TryParse<T>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !value.Any(char.IsAsciiDigit) ? parsed
            : throw new UsageException($"{option} '{value}' is not one of: {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}.");
}
