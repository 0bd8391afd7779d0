using System.Text;
using System.Text.Json;
using CityActors.Grains.Concept.Parsing;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Imports;

/// <summary>Reads and writes facility registry files: CSV (UTF-8, English or Ukrainian headers) and JSON (an array of objects).</summary>
static class FacilityFiles
{
    /// <summary>The rows of a file; unreadable rows become errors with their line and are left out.</summary>
    public static List<FacilityRow> Read(byte[] content, string file, ImportTally tally)
    {
        var text = Utf8Input.Decode(content, file, out var decodeError);
        if (text is null)
        {
            tally.Error(decodeError!.Line, decodeError.Reason);
            return [];
        }
        var start = text.AsSpan().TrimStart();
        var json = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && start.Length > 0 && start[0] is '[' or '{');
        return json ? ReadJson(content, file, tally) : ReadCsv(text, file, tally);
    }

    static List<FacilityRow> ReadCsv(string text, string file, ImportTally tally)
    {
        var errors = new List<ImportError>();
        var records = CsvText.Read(text, CsvText.DelimiterOf(text), file, errors);
        tally.Errors.AddRange(errors);
        if (records.Count == 0)
        {
            if (errors.Count == 0)
                tally.Error(1, "the file is empty: a header row is required (id, kind, name, address, district, department, …)");
            return [];
        }
        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var name = header.Cells[i].Trim().TrimStart('\uFEFF');
            if (FacilityColumns.Of(name) is { } column)
            {
                if (!columns.TryAdd(column, i))
                    tally.Error(header.Line, $"columns {columns[column] + 1} and {i + 1} are both \"{column}\"");
            }
            else if (name.Length > 0)
            {
                tally.Warnings.Add(new ImportError(file, header.Line, $"column {i + 1} \"{name}\" is not a registry column; ignored"));
            }
        }
        var missing = FacilityColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            tally.Error(header.Line, $"the header lacks {string.Join(", ", missing)}: the first row must name the columns (a table without a header?)");
            return [];
        }
        var rows = new List<FacilityRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Cells.Count != header.Cells.Count)
            {
                tally.Failed("facility", record.Line, $"the row has {record.Cells.Count} cells; the header has {header.Cells.Count} (truncated row?)");
                continue;
            }
            var row = FacilityColumns.Read(record.Line, c => columns.TryGetValue(c, out var i) ? record.Cells[i] : null, out var error);
            if (row is null)
                tally.Failed("facility", record.Line, error!);
            else
                rows.Add(row);
        }
        return rows;
    }

    static List<FacilityRow> ReadJson(byte[] content, string file, ImportTally tally)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        var rows = new List<FacilityRow>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                tally.Error(1, "the file is empty: a JSON array of facilities is expected");
                return rows;
            }
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // {"facilities": [...]} as well as a bare array.
                while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("facilities")))
                    reader.Skip();
                if (reader.TokenType != JsonTokenType.PropertyName || !reader.Read())
                {
                    tally.Error(1, "a JSON array of facilities, or an object with a \"facilities\" array, is expected");
                    return rows;
                }
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                tally.Error(LineAt(bytes, reader.TokenStartIndex), "a JSON array of facilities is expected");
                return rows;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineAt(bytes, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                if (element.RootElement.ValueKind != JsonValueKind.Object)
                {
                    tally.Failed("facility", line, "a facility must be a JSON object");
                    continue;
                }
                var row = FacilityColumns.Read(line, c => Property(element.RootElement, c), out var error);
                if (row is null)
                    tally.Failed("facility", line, error!);
                else
                    rows.Add(row);
            }
        }
        catch (JsonException e)
        {
            tally.Error((int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }
        return rows;
    }

    /// <summary>A property as text; <c>latitude</c> and <c>longitude</c> may also sit in a <c>location</c> object.</summary>
    static string? Property(JsonElement item, string column)
    {
        if (column is FacilityColumns.Latitude or FacilityColumns.Longitude
            && Find(item, "location") is { ValueKind: JsonValueKind.Object } location
            && Find(location, column) is { } coordinate)
            return Text(coordinate);
        return Find(item, column) is { } value ? Text(value) : null;
    }

    static JsonElement? Find(JsonElement item, string name)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) || FacilityColumns.Of(property.Name) == name)
                return property.Value;
        }
        return null;
    }

    static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    static int LineAt(ReadOnlySpan<byte> bytes, long offset) => 1 + bytes[..(int)offset].Count((byte)'\n');

    public static ExportResult Export(string format, IReadOnlyList<(string Id, FacilityRegistration Registration)> facilities, string city)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case "csv":
                var csv = new StringBuilder();
                csv.AppendJoin(',', FacilityColumns.All).Append("\r\n");
                foreach (var (id, registration) in facilities)
                    csv.AppendJoin(',', FacilityColumns.Cells(id, registration).Select(c => CsvText.Escape(c))).Append("\r\n");
                return new ExportResult($"{city}-facilities.csv", "text/csv; charset=utf-8", Encoding.UTF8.GetBytes(csv.ToString()));
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        writer.WriteStartArray();
                        foreach (var (id, r) in facilities)
                            Write(writer, id, r);
                        writer.WriteEndArray();
                    }
                    return new ExportResult($"{city}-facilities.json", "application/json", stream.ToArray());
                }
            default:
                throw new ValidationException("format", "must be \"csv\" or \"json\".");
        }
    }

    static void Write(Utf8JsonWriter writer, string id, FacilityRegistration r)
    {
        writer.WriteStartObject();
        writer.WriteString(FacilityColumns.Id, id);
        writer.WriteString(FacilityColumns.Kind, r.Kind);
        writer.WriteString(FacilityColumns.Name, r.Name);
        writer.WriteString(FacilityColumns.Address, r.Address);
        writer.WriteString(FacilityColumns.District, r.District);
        writer.WriteString(FacilityColumns.Department, r.Department);
        if (r.Location is { } point)
        {
            writer.WriteStartObject("location");
            writer.WriteNumber(FacilityColumns.Latitude, point.Latitude);
            writer.WriteNumber(FacilityColumns.Longitude, point.Longitude);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("location");
        }
        writer.WriteBoolean(FacilityColumns.LocationPublic, r.LocationPublic);
        if (r.Capacity is { } capacity)
            writer.WriteNumber(FacilityColumns.Capacity, capacity);
        else
            writer.WriteNull(FacilityColumns.Capacity);
        writer.WriteEndObject();
    }
}
