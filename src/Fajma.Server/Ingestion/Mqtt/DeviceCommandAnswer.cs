using System.Buffers;
using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Server.Devices;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Reads a device's answer (never throws: this runs inside the broker's publish handler) <c>{"correlation_id","status":"ok"|"error","detail"}</c>; anything unreadable counts as a failed answer.</summary>
internal static class DeviceCommandAnswer
{
    public static DeviceCommandAck Parse(string deviceId, ReadOnlySequence<byte> payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || InteroperableJson.FindProblem(root) is not null)
                return new DeviceCommandAck(deviceId, Guid.Empty, DeviceCommandAckKind.Failed, "unreadable answer");
            var correlation = root.TryGetProperty("correlation_id", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetGuid(out var id) ? id : Guid.Empty;
            var ok = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == "ok";
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return new DeviceCommandAck(deviceId, correlation, ok ? DeviceCommandAckKind.Succeeded : DeviceCommandAckKind.Failed, detail);
        }
        catch (JsonException)
        {
            return new DeviceCommandAck(deviceId, Guid.Empty, DeviceCommandAckKind.Failed, "unreadable answer");
        }
    }

    public static Guid? CorrelationOf(ReadOnlySequence<byte> payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("correlation_id", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetGuid(out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
