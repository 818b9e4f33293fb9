using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fajma.Server.Platform;

/// <summary>
/// JSON written into a buffer kept per thread, for an event sized or transcoded on the live path: no new array per event.
/// The bytes are the caller's until its next call on the same thread.
/// </summary>
internal static class PerThreadJson
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static ReadOnlySpan<byte> Serialize<T>(T value, JsonTypeInfo<T> contract)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, contract);
        writer.Flush();
        var written = buffer.WrittenSpan;
        // A rare large event does not stay pinned to its thread (the span keeps its array alive until the caller is done).
        if (buffer.Capacity > 64 * 1024) (t_buffer, t_writer) = (null, null);
        return written;
    }
}
