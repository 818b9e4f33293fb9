using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Fajma.Server.Platform;

/// <summary>
/// MessagePack for the hub clients that ask for it, in exactly the JSON wire's shape: the same camelCase names, the same
/// optional fields, times as the same ISO 8601 strings. Each event is written by the source-generated JSON contract and
/// transcoded token by token (<see cref="JsonMessagePackTranscoder"/>), so a browser reads one shape whichever protocol it
/// chose, the OpenAPI types stay true for both, and there is no second contract to keep in step.
/// </summary>
public static class JsonShapedMessagePack
{
    public static MessagePackSerializerOptions Options(JsonSerializerOptions json) =>
        MessagePackSerializerOptions.Standard.WithResolver(new Resolver(json)).WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Numbers, booleans and strings as MessagePack has them; every other type through its JSON contract.</summary>
    private sealed class Resolver(JsonSerializerOptions json) : IFormatterResolver
    {
        private readonly ConcurrentDictionary<Type, object> _formatters = new();

        public IMessagePackFormatter<T>? GetFormatter<T>() => IsScalar(typeof(T))
            ? StandardResolver.Instance.GetFormatter<T>()
            : (IMessagePackFormatter<T>)_formatters.GetOrAdd(typeof(T), _ => new Formatter<T>((JsonTypeInfo<T>)json.GetTypeInfo(typeof(T))));

        private static bool IsScalar(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return (type.IsPrimitive && type != typeof(IntPtr) && type != typeof(UIntPtr)) || type == typeof(string) || type == typeof(decimal);
        }
    }

    private sealed class Formatter<T>(JsonTypeInfo<T> contract) : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            JsonMessagePackTranscoder.ToMessagePack(PerThreadJson.Serialize(value, contract), ref writer);

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                JsonMessagePackTranscoder.ToJson(ref reader, json, options);
            }
            return JsonSerializer.Deserialize(buffer.WrittenSpan, contract)!; // nil reads as JSON's null would
        }
    }
}
