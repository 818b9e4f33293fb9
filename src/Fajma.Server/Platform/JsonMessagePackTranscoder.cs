using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace Fajma.Server.Platform;

/// <summary>
/// JSON to MessagePack and back, value for value: objects are maps with string keys, arrays arrays, numbers integers
/// when they are whole (else doubles), strings UTF-8. What a client sends is bounded in depth, and only JSON's kinds of
/// value are accepted from it (binary becomes base64, as JSON carries bytes; other extensions are refused).
/// </summary>
internal static class JsonMessagePackTranscoder
{
    [ThreadStatic] private static List<int>? t_counts;
    [ThreadStatic] private static Stack<(int Index, bool IsArray)>? t_open;

    /// <summary>Writes one JSON value (a serializer's output: valid, in one buffer) as MessagePack.</summary>
    public static void ToMessagePack(ReadOnlySpan<byte> json, ref MessagePackWriter writer)
    {
        // MessagePack puts an object's or an array's length before its items; JSON says it only at the end. A first pass
        // counts each container's items, in the order they open; the second writes.
        var counts = t_counts ??= [];
        var open = t_open ??= new();
        counts.Clear();
        open.Clear();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                open.Pop();
                continue;
            }
            // An object counts its property names; an array each value or container it holds directly.
            if (open.TryPeek(out var parent) && parent.IsArray != (token == JsonTokenType.PropertyName)) counts[parent.Index]++;
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                open.Push((counts.Count, token == JsonTokenType.StartArray));
                counts.Add(0);
            }
        }

        var next = 0;
        reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: writer.WriteMapHeader(counts[next++]); break;
                case JsonTokenType.StartArray: writer.WriteArrayHeader(counts[next++]); break;
                case JsonTokenType.PropertyName or JsonTokenType.String: WriteString(ref reader, ref writer); break;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole)) writer.Write(whole);
                    else writer.Write(reader.GetDouble());
                    break;
                case JsonTokenType.True: writer.Write(true); break;
                case JsonTokenType.False: writer.Write(false); break;
                case JsonTokenType.Null: writer.WriteNil(); break;
            }
        }
    }

    private static void WriteString(ref Utf8JsonReader reader, ref MessagePackWriter writer)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteString(reader.ValueSpan);
            return;
        }
        // Unescaped text is never longer than its escaped form (JSON's default encoder escapes every non-ASCII letter).
        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            writer.WriteString(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads one MessagePack value (a client's: untrusted) as JSON.</summary>
    public static void ToJson(ref MessagePackReader reader, Utf8JsonWriter json, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var properties = reader.ReadMapHeader();
                options.Security.DepthStep(ref reader);
                json.WriteStartObject();
                for (var i = 0; i < properties; i++)
                {
                    if (reader.NextMessagePackType != MessagePackType.String) throw new MessagePackSerializationException("a map's keys must be strings, as JSON's are");
                    json.WritePropertyName(Utf8(reader.ReadStringSequence()!.Value));
                    ToJson(ref reader, json, options);
                }
                json.WriteEndObject();
                reader.Depth--;
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                options.Security.DepthStep(ref reader);
                json.WriteStartArray();
                for (var i = 0; i < items; i++) ToJson(ref reader, json, options);
                json.WriteEndArray();
                reader.Depth--;
                break;
            case MessagePackType.Nil: reader.ReadNil(); json.WriteNullValue(); break;
            case MessagePackType.Boolean: json.WriteBooleanValue(reader.ReadBoolean()); break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64) json.WriteNumberValue(reader.ReadUInt64());
                else json.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float: json.WriteNumberValue(reader.ReadDouble()); break;
            case MessagePackType.String: json.WriteStringValue(Utf8(reader.ReadStringSequence()!.Value)); break;
            case MessagePackType.Binary: json.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray()); break;
            default: throw new MessagePackSerializationException($"a {reader.NextMessagePackType} value has no JSON form");
        }
    }

    private static ReadOnlySpan<byte> Utf8(ReadOnlySequence<byte> text) => text.IsSingleSegment ? text.FirstSpan : text.ToArray();
}
