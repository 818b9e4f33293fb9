using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>Entry point for any device message: checks size and JSON, then picks the wire format by its shape.</summary>
public static class DeviceMessageParser
{
    /// <summary>The largest message accepted on any transport (64 KiB).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>How deep a message may nest (the standard message needs 4 levels).</summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = MaxDepth };

    /// <param name="alertChannel">True on the alert topic and endpoint: only standard CRITICAL_ALERT messages are taken there.</param>
    public static ParseResult<DeviceReading> Parse(ReadOnlyMemory<byte> utf8Json, bool alertChannel = false)
    {
        if (utf8Json.Length > MaxMessageBytes)
            return ParseResult<DeviceReading>.Fail(MessageRejection.TooLarge(utf8Json.Length, MaxMessageBytes));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, s_options);
        }
        catch (JsonException e)
        {
            return ParseResult<DeviceReading>.Fail(NotJson(e, MaxDepth));
        }
        using (document)
        {
            return Parse(document.RootElement, alertChannel);
        }
    }

    /// <summary>The refusal of a body that is not JSON, or nests deeper than <paramref name="maxDepth"/>, with where the reader stopped.</summary>
    public static MessageRejection NotJson(JsonException error, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(error);
        return MessageRejection.Malformed("$",
            $"not valid JSON, or nested more than {maxDepth} levels deep (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1})");
    }

    public static ParseResult<DeviceReading> Parse(JsonElement root, bool alertChannel = false)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return ParseResult<DeviceReading>.Fail(MessageRejection.Malformed("$", $"must be a JSON object, not {FieldReader.Describe(root)}"));
        // Before any field is read or canonicalized: what cannot be read is refused by name, not thrown.
        if (InteroperableJson.FindProblem(root) is { } unreadable)
            return ParseResult<DeviceReading>.Fail(MessageRejection.Malformed(unreadable.Field, unreadable.Message));
        // Each format's parser keeps what a signature covers while the document is still open; checking it needs the device's secret.
        return root.TryGetProperty("header", out _) || root.TryGetProperty("payload", out _) ? StandardMessageParser.Parse(root, alertChannel)
            : alertChannel ? ParseResult<DeviceReading>.Fail(MessageRejection.Malformed("$", "an alert must be a standard CRITICAL_ALERT message (header, payload, signature)"))
            : root.TryGetProperty("device_id", out _) ? FlatDeviceMessageParser.Parse(root)
            : ParseResult<DeviceReading>.Fail(MessageRejection.Malformed("$",
                "neither a standard message (header, payload, signature) nor a flat device message (device_id, timestamp, …)"));
    }
}
