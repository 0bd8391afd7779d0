using System.Globalization;
using System.Text.Json;

namespace CityActors.Grains.Stored;

/// <summary>The pieces the compact stored forms are made of: instants as UTC ticks, arrays read field by field.</summary>
internal static class CompactJson
{
    /// <summary>A UTC instant is written as its ticks; one with an offset keeps it, as the usual ISO 8601 string.</summary>
    public static void WriteTime(Utf8JsonWriter writer, DateTimeOffset value)
    {
        if (value.Offset == TimeSpan.Zero)
            writer.WriteNumberValue(value.UtcTicks);
        else
            writer.WriteStringValue(value);
    }

    public static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.Number => new DateTimeOffset(reader.GetInt64(), TimeSpan.Zero),
            JsonTokenType.String => reader.GetDateTimeOffset(),
            _ => throw Unexpected(ref reader, "an instant"),
        };
    }

    /// <summary>Whether the value at the reader is in the object form written before; false for the compact array.</summary>
    public static bool IsObjectForm(ref Utf8JsonReader reader, string what) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.StartArray => false,
        _ => throw new JsonException($"A stored {what} is an array or an object, not {reader.TokenType}."),
    };

    public static string ReadString(ref Utf8JsonReader reader)
        => ReadNullableString(ref reader) ?? throw Unexpected(ref reader, "a string");

    public static string? ReadNullableString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Unexpected(ref reader, "a string"),
        };
    }

    public static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Unexpected(ref reader, "true or false"),
        };
    }

    public static int ReadInt32(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw Unexpected(ref reader, "a number");
    }

    public static void ReadEndArray(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
            throw Unexpected(ref reader, "the end of the array");
    }

    static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new JsonException("The stored value ends too early.");
    }

    static JsonException Unexpected(ref Utf8JsonReader reader, string expected)
        => new(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} in a stored value, found {reader.TokenType}."));
}
