using System.Buffers;
using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>
/// The last will a device registers on its MQTT status topic: the broker publishes <see cref="OfflinePayload"/> there
/// when the device vanishes without a clean DISCONNECT, and the server then watches its silence (a "no data" alert).
/// </summary>
public static class LastWill
{
    public const string OfflinePayload = "{\"status\":\"offline\"}";

    public static bool IsOffline(ReadOnlySequence<byte> payload)
    {
        if (payload.Length is 0 or > 256) return false;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                && status.ValueEquals("offline");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false; // not the broker's will: an ordinary status message, read by the parsers
        }
    }
}
