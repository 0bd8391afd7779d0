using System.Globalization;
using System.Text;

namespace CityActors.Silo.Tests;

/// <summary>Just enough of the protobuf wire format to read OTLP exports without generated code.</summary>
public static class Protobuf
{
    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message; other fields are skipped.</summary>
    public static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        Walk(message, (field, wireType, start, length) =>
        {
            if (field == number && wireType == 2)
                found.Add(message[start..(start + length)]);
        });
        return found;
    }

    /// <summary>The first varint field numbered <paramref name="number"/>, if there is one.</summary>
    public static ulong? Varint(byte[] message, int number)
    {
        ulong? value = null;
        Walk(message, (field, wireType, start, _) =>
        {
            if (value is null && field == number && wireType == 0)
            {
                var position = start;
                value = ReadVarint(message, ref position);
            }
        });
        return value;
    }

    /// <summary>The first 64-bit fixed field numbered <paramref name="number"/> (a <c>double</c>), if there is one.</summary>
    public static ulong? Fixed64(byte[] message, int number)
    {
        ulong? value = null;
        Walk(message, (field, wireType, start, _) =>
        {
            if (value is null && field == number && wireType == 1)
                value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(start, 8));
        });
        return value;
    }

    public static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    /// <summary>
    /// OpenTelemetry attributes (repeated <c>KeyValue</c>: key 1, value 2 as <c>AnyValue</c>: string 1, bool 2, int 3,
    /// double 4) as text.
    /// </summary>
    public static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            var key = Text(Fields(keyValue, 1).FirstOrDefault());
            var value = Fields(keyValue, 2).FirstOrDefault() ?? [];
            attributes[key] = Fields(value, 1).FirstOrDefault() is { } text ? Text(text)
                : Varint(value, 3) is { } number ? ((long)number).ToString(CultureInfo.InvariantCulture)
                : Varint(value, 2) is { } flag ? (flag != 0 ? "true" : "false")
                : Fixed64(value, 4) is { } real ? BitConverter.Int64BitsToDouble((long)real).ToString(CultureInfo.InvariantCulture)
                : "";
        }
        return attributes;
    }

    static void Walk(byte[] message, Action<int, int, int, int> visit)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    var start = position;
                    ReadVarint(message, ref position);
                    visit(field, wireType, start, position - start);
                    break;
                case 1:
                    visit(field, wireType, position, 8);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    visit(field, wireType, position, length);
                    position += length;
                    break;
                case 5:
                    visit(field, wireType, position, 4);
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type in key {key} at byte {position}.");
            }
        }
    }

    static ulong ReadVarint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }
}
