using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CityActors.Runtime.Storage;

/// <summary>Turns grain state, events and stream items into UTF-8 JSON and back.</summary>
/// <remarks>
/// Events are stored with their concrete type's name (<c>Namespace.Type, Assembly</c>) so a journal of a base
/// event type reads back into the right derived records without attributes on the base type.
/// </remarks>
public sealed class StorageSerializer(JsonSerializerOptions? options = null)
{
    // Payloads are read by this serializer only, never put in a web page: non-Latin text (the city's Ukrainian names)
    // is written as UTF-8 instead of \uXXXX escapes, which makes it shorter and cheaper to write.
    readonly JsonSerializerOptions _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Type, string> _names = new();

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _options);

    public byte[] Serialize(object value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, _options);

    public T Deserialize<T>(byte[] payload) => JsonSerializer.Deserialize<T>(payload, _options)!;

    public object Deserialize(byte[] payload, string typeName)
        => JsonSerializer.Deserialize(payload, ResolveType(typeName), _options)
           ?? throw new InvalidOperationException($"Stored payload of type {typeName} is null.");

    public string TypeName(Type type) => _names.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    Type ResolveType(string typeName) => _types.GetOrAdd(typeName, static name =>
        Type.GetType(name, throwOnError: false) ?? throw new InvalidOperationException($"Stored type '{name}' is not known to this silo."));
}
