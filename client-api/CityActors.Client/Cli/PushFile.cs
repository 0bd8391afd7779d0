using System.Text.Json;
using CityActors.ClientApi.Contracts;
using Spectre.Console;

namespace CityActors.Client.Cli;

/// <summary>Sends a file of updates in batches. A refused batch changes nothing; the others go on, and the exit code says so:
/// 4 when a batch was not allowed (403), 6 when batches were refused for their content.</summary>
public static class PushFile
{
    const int Attempts = 8;

    public static async Task<int> RunAsync(CityClient client, FileInfo file, int batchSize, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        if (batchSize is < 1 or > 10_000)
        {
            Console.Error.WriteLine("--batch-size must be between 1 and 10,000.");
            return ExitCodes.Usage;
        }
        List<BatchUpdateItem> items;
        try
        {
            items = await ReadAsync(file, cancellationToken);
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"{file.Name}: line {(e.LineNumber ?? 0) + 1}: {e.Message}");
            return ExitCodes.Refused;
        }
        var totals = new Dictionary<string, int>(StringComparer.Ordinal) { ["applied"] = 0, ["heartbeat"] = 0, ["late"] = 0, ["duplicate"] = 0, ["refused"] = 0 };
        var problems = new List<string>();
        var notAllowed = false;
        await AnsiConsole.Progress().AutoClear(false).HideCompleted(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"{file.Name}: {items.Count:N0} updates", maxValue: Math.Max(1, items.Count));
            for (var start = 0; start < items.Count; start += batchSize)
            {
                var batch = items.GetRange(start, Math.Min(batchSize, items.Count - start));
                try
                {
                    var response = await SendAsync(client, batch, cancellationToken);
                    foreach (var result in response.Results)
                        totals[result.Outcome.ToString().ToLowerInvariant()]++;
                }
                catch (CityApiException e) when (ExitCodes.Of(e) is ExitCodes.Refused or ExitCodes.NotAllowed)
                {
                    totals["refused"] += batch.Count;
                    problems.Add($"updates {start + 1}–{start + batch.Count}: {(int)e.Status} {e.Title}{(e.Field is null ? "" : $" [{e.Field}]")}: {e.Detail}");
                    if (e.Status == System.Net.HttpStatusCode.Unauthorized)
                        throw;
                    notAllowed |= ExitCodes.Of(e) == ExitCodes.NotAllowed;
                }
                task.Increment(batch.Count);
            }
        });
        foreach (var problem in problems)
            Console.Error.WriteLine(problem);
        if (json)
            CityCtl.PrintJson(totals);
        else
            Console.Out.WriteLine(string.Join(", ", totals.Select(t => $"{t.Value:N0} {t.Key}")));
        // A batch this key may not send says more than "part was refused": the key is wrong for the file.
        return notAllowed ? ExitCodes.NotAllowed : totals["refused"] > 0 ? ExitCodes.Partial : ExitCodes.Ok;
    }

    /// <summary>Retries while the silo says to wait (429, 503): the ids make a repeat harmless.</summary>
    static async Task<BatchResponse> SendAsync(CityClient client, List<BatchUpdateItem> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.ReportBatchAsync(batch, cancellationToken: cancellationToken);
            }
            catch (CityApiException e) when (ExitCodes.Of(e) == ExitCodes.Unavailable && attempt < Attempts)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    /// <summary>A JSON array, or one JSON object per line; an item without an id gets <c>{file}:{line or index}</c>.</summary>
    public static async Task<List<BatchUpdateItem>> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        var items = new List<BatchUpdateItem>();
        if (text.TrimStart().StartsWith('['))
        {
            var array = JsonSerializer.Deserialize<BatchUpdateItem[]>(text, CityClient.Json) ?? [];
            items.AddRange(array.Select((item, i) => item.Id is null ? item with { Id = $"{file.Name}:{i + 1}" } : item));
            return items;
        }
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            try
            {
                var item = JsonSerializer.Deserialize<BatchUpdateItem>(lines[i], CityClient.Json) ?? throw new JsonException("null");
                items.Add(item.Id is null ? item with { Id = $"{file.Name}:{i + 1}" } : item);
            }
            catch (JsonException e)
            {
                throw new JsonException(e.Message, null, i, e.BytePositionInLine);
            }
        }
        return items;
    }
}
