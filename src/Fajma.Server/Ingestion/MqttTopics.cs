namespace Fajma.Server.Ingestion;

/// <summary>The MQTT topics of ARCHITECTURE §4.</summary>
public static class MqttTopics
{
    public const string SensorsPrefix = "fajma/sensors/";

    public static string Telemetry(string deviceId) => SensorsPrefix + deviceId;

    public static string Status(string deviceId) => $"{SensorsPrefix}{deviceId}/status";

    public static string Alerts(string deviceId) => $"{SensorsPrefix}{deviceId}/alerts";

    public static string Commands(string deviceId) => $"fajma/devices/{deviceId}/commands";

    /// <summary>Where a device answers its commands.</summary>
    public static string CommandAcks(string deviceId) => Commands(deviceId) + "/ack";

    /// <summary>Splits <c>fajma/sensors/{id}[/kind]</c>; kind is empty for telemetry.</summary>
    public static bool TryParseSensorTopic(string topic, out string deviceId, out string kind)
    {
        deviceId = kind = "";
        if (!topic.StartsWith(SensorsPrefix, StringComparison.Ordinal)) return false;
        var rest = topic.AsSpan(SensorsPrefix.Length);
        var slash = rest.IndexOf('/');
        deviceId = (slash < 0 ? rest : rest[..slash]).ToString();
        kind = slash < 0 ? "" : rest[(slash + 1)..].ToString();
        return deviceId.Length > 0;
    }

    /// <summary>
    /// The last will a device registers on its status topic, <c>{"status":"offline"}</c>: the broker publishes it when
    /// the device vanishes without a clean DISCONNECT.
    /// </summary>
    public static bool IsOfflineWill(System.Buffers.ReadOnlySequence<byte> payload)
    {
        if (payload.Length is 0 or > 256) return false;
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(payload);
            using var document = System.Text.Json.JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.String
                && status.GetString() == "offline";
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
