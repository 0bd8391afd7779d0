using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>cityctl's commands for facility kinds: list, show, and define or change one from a JSON file.</summary>
public static partial class Commands
{
    public static Command Kinds()
    {
        var list = new Command("list", "Lists facility kinds: statuses, readings, offline period, alarm rules");
        list.SetAction((parse, _) => CityCtl.GuardAsync(parse, async client =>
        {
            var kinds = await client.ListKindsAsync();
            if (parse.GetValue(CityCtl.Json))
            {
                CityCtl.PrintJson(kinds);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Id", "Name", "Statuses", "Readings", "Offline after", "Alarms");
            foreach (var k in kinds)
            {
                table.AddRow(Markup.Escape(k.Id), Markup.Escape(k.Name), Markup.Escape(string.Join(", ", k.Statuses.Select(s => s.Code))),
                    Markup.Escape(string.Join(", ", k.Readings.Select(r => $"{r.Name} ({r.Unit}, {r.Min.ToString(CultureInfo.InvariantCulture)}–{r.Max.ToString(CultureInfo.InvariantCulture)})"))),
                    k.OfflineAfter.ToString("c", CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", k.Alarms.Select(a => a.Type))));
            }
            CityCtl.Out.Write(table);
            return ExitCodes.Ok;
        }));

        var id = new Argument<string>("id") { Description = "The kind's id: school, shelter, water-kiosk, …" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the definition to this file (to edit it and put it back)" };
        var show = new Command("show", "Shows a kind's definition as JSON, the form 'kinds put' takes") { id, output };
        show.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var kind = await client.GetKindAsync(parse.GetValue(id)!, cancellation);
            var json = JsonSerializer.Serialize(kind, s_indented);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json + "\n", cancellation);
                Console.Error.WriteLine($"Wrote {file.FullName}.");
            }
            else
                Console.Out.WriteLine(json);
            return ExitCodes.Ok;
        }));

        var file = new Argument<FileInfo>("file") { Description = "The kind's definition in JSON, as 'kinds show' writes it; its id says which kind" };
        var put = new Command("put", "Defines a facility kind or changes it from a JSON file (operator or admin)") { file };
        put.SetAction((parse, cancellation) => CityCtl.GuardAsync(parse, async client =>
        {
            var path = parse.GetValue(file)!;
            var json = await File.ReadAllBytesAsync(path.FullName, cancellation);
            if (IdOf(json, path.Name) is not { } kindId)
                return ExitCodes.Refused;
            var stored = await client.PutKindAsync(kindId, json, cancellation);
            if (parse.GetValue(CityCtl.Json))
                CityCtl.PrintJson(stored);
            else
                Console.Out.WriteLine($"Kind '{stored.Id}' ({stored.Name}) stored: {stored.Statuses.Count} statuses, {stored.Readings.Count} readings, {stored.Alarms.Count} alarm rules.");
            return ExitCodes.Ok;
        }));
        return new Command("kinds", "Lists, shows and defines facility kinds") { list, show, put };
    }

    static readonly JsonSerializerOptions s_indented = new(CityClient.Json) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file's <c>id</c>; null (having said why, with the file's name and line) when the file is not a JSON object with one.</summary>
    static string? IdOf(byte[] json, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text)
                return text;
            Console.Error.WriteLine($"{fileName}: a kind is a JSON object with an \"id\", such as \"water-kiosk\".");
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"{fileName}, line {(e.LineNumber ?? 0) + 1}: not JSON ({e.Message.Split(" Path:")[0]})");
        }
        return null;
    }
}
