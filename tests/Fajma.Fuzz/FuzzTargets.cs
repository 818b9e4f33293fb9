using System.Text.Json;
using Fajma.Core.Ble;
using Fajma.Core.Messages;
using Fajma.Core.Wire;

namespace Fajma.Fuzz;

/// <summary>
/// Every parser a device or a phone can reach, as the server calls it. The contract under test: whatever the bytes,
/// a parse result (a value, or a refusal naming a field) comes out — never an exception. An exception escaping a
/// target is the finding: AFL records the input as a crash.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        // fajma/sensors/{id} and the HTTPS routes: the standard message or the seed's flat ESP32 JSON, told apart by shape.
        ["message"] = bytes => Expect(DeviceMessageParser.Parse(bytes)),
        // fajma/sensors/{id}/alerts and /api/v1/iot/alerts/critical/: a CRITICAL_ALERT (the device alert reader).
        ["alert"] = bytes => Expect(DeviceMessageParser.Parse(bytes, alertChannel: true)),
        // A heart-rate strap's 0x2A37 value, as the phone relays it.
        ["heart-rate"] = bytes =>
        {
            var result = HeartRateMeasurementParser.Parse(bytes);
            if (!result.IsValid && result.Rejection!.Errors.Count == 0) throw new InvalidOperationException("a refusal must name a field");
            if (result.IsValid && !HeartRateMeasurementParser.Parse(HeartRateMeasurementWriter.Encode(result.Value!)).Value!.Equals(result.Value))
                throw new InvalidOperationException("a parsed value must encode back to the same value");
        },
        // What a signature and a checksum are computed over: whatever the I-JSON check lets through canonicalizes,
        // and canonical JSON is a fixed point (canonicalizing it again changes nothing).
        ["canonical-json"] = bytes =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                return; // not JSON: every entry point refuses it before canonicalizing
            }
            using (document)
            {
                if (InteroperableJson.FindProblem(document.RootElement) is not null) return;
                var canonical = CanonicalJson.Serialize(document.RootElement);
                using var again = JsonDocument.Parse(canonical);
                if (CanonicalJson.Serialize(again.RootElement) != canonical) throw new InvalidOperationException("canonical JSON is not a fixed point");
            }
        },
        // A topic as a broker hands it over: fajma/sensors/{id}[/kind] and fajma/devices/{id}/commands/ack. Whatever the
        // string, a device id comes out only if it is the topic's own segment, never with a '/' in it.
        ["topic"] = bytes =>
        {
            var topic = System.Text.Encoding.UTF8.GetString(bytes);
            if (MqttTopics.TryParseSensorTopic(topic, out var device, out var kind)
                && (device.Contains('/', StringComparison.Ordinal) || MqttTopics.SensorsPrefix + device + (kind.Length > 0 ? "/" + kind : "") != topic))
                throw new InvalidOperationException($"'{topic}' split into '{device}' and '{kind}'");
            if (MqttTopics.TryParseCommandAckTopic(topic, out var answering) && MqttTopics.CommandAcks(answering) != topic)
                throw new InvalidOperationException($"'{topic}' names device '{answering}'");
        },
        // The broker's last-will payload check.
        ["last-will"] = bytes => LastWill.IsOffline(new System.Buffers.ReadOnlySequence<byte>(bytes)),
    };

    private static void Expect(ParseResult<DeviceReading> result)
    {
        if (!result.IsValid && result.Rejection!.Errors.Count == 0) throw new InvalidOperationException("a refusal must name a field");
    }
}
