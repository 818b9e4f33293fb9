namespace Fajma.Core.Wire;

/// <summary>The MQTT topics of ARCHITECTURE §4, for the server, the SDK and the fuzzer alike.</summary>
public static class MqttTopics
{
    public const string SensorsPrefix = "fajma/sensors/";

    public static string Telemetry(string deviceId) => SensorsPrefix + deviceId;

    public static string Status(string deviceId) => $"{SensorsPrefix}{deviceId}/status";

    public static string Alerts(string deviceId) => $"{SensorsPrefix}{deviceId}/alerts";

    public static string Commands(string deviceId) => $"fajma/devices/{deviceId}/commands";

    /// <summary>Where a device answers its commands.</summary>
    public static string CommandAcks(string deviceId) => Commands(deviceId) + "/ack";

    /// <summary>Splits <c>fajma/sensors/{id}[/kind]</c>; kind is empty for telemetry. A trailing or doubled slash is another topic, not telemetry.</summary>
    public static bool TryParseSensorTopic(string topic, out string deviceId, out string kind)
    {
        deviceId = kind = "";
        if (!topic.StartsWith(SensorsPrefix, StringComparison.Ordinal)) return false;
        var rest = topic.AsSpan(SensorsPrefix.Length);
        var slash = rest.IndexOf('/');
        deviceId = (slash < 0 ? rest : rest[..slash]).ToString();
        kind = slash < 0 ? "" : rest[(slash + 1)..].ToString();
        return deviceId.Length > 0 && (slash < 0 || kind.Length > 0);
    }

    /// <summary>Splits <c>fajma/devices/{id}/commands/ack</c>, where a device answers its commands.</summary>
    public static bool TryParseCommandAckTopic(string topic, out string deviceId)
    {
        const string prefix = "fajma/devices/", suffix = "/commands/ack";
        deviceId = topic.Length > prefix.Length + suffix.Length && topic.StartsWith(prefix, StringComparison.Ordinal) && topic.EndsWith(suffix, StringComparison.Ordinal)
            ? topic[prefix.Length..^suffix.Length] : "";
        return deviceId.Length > 0 && !deviceId.Contains('/', StringComparison.Ordinal);
    }
}
