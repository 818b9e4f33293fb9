using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

/// <summary>The seed's messages, with a correct checksum unless a test breaks it on purpose.</summary>
internal static class MessageSamples
{
    public const string SeedStandard = """
        {
          "header": {
            "message_id": "6f1c2a9e-5b1d-4c7e-9a3f-2d8e4b6c1a70",
            "timestamp": "2024-01-15T10:30:00.000Z",
            "device_id": "FAJMA-IOT-001",
            "patient_id": 12345,
            "message_type": "VITAL_SIGNS",
            "protocol_version": "1.0",
            "checksum": "CHECKSUM"
          },
          "payload": {
            "measurements": [
              { "type": "heart_rate", "value": 72, "unit": "bpm", "quality": 95, "timestamp": "2024-01-15T10:30:00.000Z" },
              { "type": "blood_pressure", "value": { "systolic": 120, "diastolic": 80 }, "unit": "mmHg", "quality": 98, "timestamp": "2024-01-15T10:30:00.000Z" }
            ],
            "device_status": { "battery_level": 85, "signal_strength": -45, "last_calibration": "2024-01-14T08:00:00.000Z" }
          },
          "signature": "digital-signature"
        }
        """;

    public const string SeedFlat = """{"device_id":"24:6F:28:AB:CD:EF","timestamp":123456,"heart_rate":72,"spo2":98,"temperature":36.6}""";

    /// <summary>A standard message with <paramref name="edit"/> applied, then its checksum recomputed.</summary>
    public static byte[] Standard(Action<JsonObject>? edit = null, bool fixChecksum = true)
    {
        var node = JsonNode.Parse(SeedStandard)!.AsObject();
        edit?.Invoke(node);
        if (fixChecksum && node["header"] is JsonObject header && node["payload"] is { } payload)
        {
            using var doc = JsonDocument.Parse(payload.ToJsonString());
            header["checksum"] = PayloadChecksum.Compute(doc.RootElement);
        }
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static ParseResult<DeviceReading> Parse(byte[] json) => DeviceMessageParser.Parse(json);

    public static ParseResult<DeviceReading> Parse(string json) => DeviceMessageParser.Parse(Encoding.UTF8.GetBytes(json));
}
