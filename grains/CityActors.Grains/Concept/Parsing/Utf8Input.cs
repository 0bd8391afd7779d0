using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>Decodes the report bytes strictly as UTF-8 and says on which line decoding failed.</summary>
static class Utf8Input
{
    /// <summary>The text, or null with <paramref name="error"/> naming the line and the reason.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string file, out ParseError? error)
    {
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            error = new ParseError(file, 1, "the file is UTF-16 (byte order mark); the report must be UTF-8");
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = 1 + bytes[..read].Count((byte)'\n');
                var offending = read < bytes.Length
                    ? "0x" + bytes[read].ToString("X2", CultureInfo.InvariantCulture)
                    : "at the end of the file";
                var truncated = status == OperationStatus.NeedMoreData
                    || Rune.DecodeFromUtf8(bytes[read..], out _, out _) == OperationStatus.NeedMoreData;
                var reason = truncated
                    ? "the file ends inside a UTF-8 sequence (truncated file?)"
                    : $"invalid UTF-8 byte {offending} at byte offset {read}; the report must be UTF-8 (a Windows-1251 file must be converted first)";
                error = new ParseError(file, line, reason);
                return null;
            }
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
