using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Wire;

/// <summary>Builds a standard message with its checksum, the way a device SDK does.</summary>
public static class StandardMessageBuilder
{
    public const string ProtocolVersion = "1.0";

    public static StandardMessage Build(string deviceId, Guid messageId, DateTimeOffset timestamp,
        IEnumerable<Measurement> measurements, WireDeviceStatus? status = null, string? patientId = null)
    {
        var wire = measurements.Select(ToWire).ToList();
        var messageType = wire.Count == 0 ? MessageTypes.DeviceStatus : MessageTypes.VitalSigns;
        var payload = new StandardPayload(wire, status);
        var checksum = PayloadChecksum.Compute(JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.StandardPayload));
        var header = new StandardHeader(messageId.ToString(), timestamp, deviceId, patientId, messageType, ProtocolVersion, checksum);
        return new StandardMessage(header, payload, Signature: null);
    }

    public static byte[] ToUtf8(StandardMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.StandardMessage);

    private static WireMeasurement ToWire(Measurement m)
    {
        var definition = VitalSigns.Get(m.Type);
        var value = m.Diastolic is { } diastolic
            ? JsonSerializer.SerializeToElement(new BloodPressureValue(m.Value, diastolic), WireJsonContext.Default.BloodPressureValue)
            : JsonSerializer.SerializeToElement(m.Value, WireJsonContext.Default.Double);
        return new WireMeasurement(definition.WireName, value, definition.DisplayUnit, m.Quality, m.MeasuredAt);
    }
}
