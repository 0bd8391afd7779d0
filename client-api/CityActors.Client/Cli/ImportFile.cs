using System.Text;
using System.Text.Json;
using CityActors.Grains.Imports;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>Uploads a file to an import with a progress bar and prints what the import did, or would do on a dry run.</summary>
/// <remarks>The progress bar goes to standard error, so standard output holds only the result (the changes, or the JSON).</remarks>
public static class ImportFile
{
    /// <summary>Longer values are cut in text mode; <c>--json</c> gives them whole.</summary>
    const int MaxValue = 160;

    public static async Task<int> RunAsync(CityClient client, string what, FileInfo file, bool dryRun, bool partial, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        ImportResult result;
        try
        {
            result = await WithProgressAsync(file.Name, content.Length, uploaded => client.ImportAsync(what, file.Name, content, dryRun, partial, uploaded, cancellationToken));
        }
        catch (CityApiException e) when ((int)e.Status == 422 && e.Title == "Import refused")
        {
            Console.Error.WriteLine(e.Detail);
            using var problem = JsonDocument.Parse(e.Body);
            if (problem.RootElement.TryGetProperty("result", out var refused) && refused.Deserialize<ImportResult>(CityClient.Json) is { } details)
                Print(details, json);
            return ExitCodes.Partial;
        }
        Print(result, json);
        return ExitCodes.Ok;
    }

    static void Print(ImportResult result, bool json)
    {
        foreach (var warning in result.Warnings)
            Console.Error.WriteLine($"warning: {warning}");
        foreach (var error in result.Errors)
            Console.Error.WriteLine(error.ToString());
        if (json)
        {
            CityCtl.PrintJson(result);
            return;
        }
        Console.Out.Write(Describe(result));
    }

    /// <summary>The changes with their fields, the counts per entity, and what became of the import.</summary>
    public static string Describe(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (result.Changes.Count > 0)
            text.AppendLine(result.DryRun ? "Would change:" : "Changes:");
        foreach (var change in result.Changes)
        {
            var (sign, kind) = change.Kind switch
            {
                ImportChangeKind.Created => ('+', "new"),
                ImportChangeKind.Changed => ('~', "changed"),
                _ => ('-', "withdrawn"),
            };
            text.AppendLine($"{sign} {change.Entity} {change.Key} ({kind}{(change.Line is { } line ? $", line {line}" : "")})");
            foreach (var field in change.Fields)
            {
                text.AppendLine(change.Kind switch
                {
                    ImportChangeKind.Created => $"    {field.Field}: {Value(field.After)}",
                    ImportChangeKind.Changed => $"    {field.Field}: {Changed(field.Before, field.After)}",
                    _ => $"    {field.Field}: {Value(field.Before)}",
                });
            }
        }
        foreach (var c in result.Counts)
            text.AppendLine($"{c.Entity}: {c.Created} new, {c.Changed} changed, {c.Unchanged} unchanged, {c.Failed} failed{(c.Withdrawn > 0 ? $", {c.Withdrawn} withdrawn" : "")}");
        text.AppendLine(result switch
        {
            { DryRun: true } => "Dry run: nothing was changed.",
            { Applied: true } => "Applied.",
            { Interrupted: true } => "Interrupted: the changes before the failed write were made; import the same file again to complete it.",
            _ => "Not applied: nothing was changed.",
        });
        return text.ToString();
    }

    /// <summary>A value on one line: line breaks and runs of spaces become one space, and a long one is cut.</summary>
    static string Value(string? value) => value is null ? "—" : Excerpt(Flat(value), 0);

    /// <summary>Before → after; of long values, the part where they start to differ.</summary>
    static string Changed(string? before, string? after)
    {
        if (before is null || after is null)
            return $"{Value(before)} → {Value(after)}";
        var (b, a) = (Flat(before), Flat(after));
        var same = 0;
        while (same < b.Length && same < a.Length && b[same] == a[same])
            same++;
        var start = Math.Max(b.Length, a.Length) <= MaxValue ? 0 : Math.Max(0, same - MaxValue / 4);
        return $"{Excerpt(b, start)} → {Excerpt(a, start)}";
    }

    static string Flat(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static string Excerpt(string flat, int start)
    {
        if (start == 0 && flat.Length <= MaxValue)
            return $"\"{flat}\"";
        start = Math.Min(start, flat.Length);
        var end = Math.Min(flat.Length, start + MaxValue);
        return $"\"{(start > 0 ? "…" : "")}{flat[start..end]}{(end < flat.Length ? "…" : "")}\" ({flat.Length:N0} characters; --json for all)";
    }

    /// <summary>A bar for the upload (bytes sent) and one for the silo's work, which has no measure until its answer arrives.</summary>
    static Task<T> WithProgressAsync<T>(string name, long bytes, Func<IProgress<long>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var upload = progress.AddTask($"{Markup.Escape(name)}: upload, {bytes:N0} bytes", maxValue: Math.Max(1, bytes));
                var processing = progress.AddTask("import on the silo", autoStart: false, maxValue: 1);
                processing.IsIndeterminate = true;
                var result = await work(new Sent(sent =>
                {
                    upload.Value = sent;
                    if (sent >= bytes && !processing.IsStarted)
                        processing.StartTask();
                }));
                upload.Value = upload.MaxValue;
                if (!processing.IsStarted)
                    processing.StartTask();
                processing.IsIndeterminate = false;
                processing.Value = processing.MaxValue;
                return result;
            });
    }

    /// <summary>Reports on the thread that sends, so the bar never trails the upload (unlike <see cref="Progress{T}"/>).</summary>
    sealed class Sent(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
