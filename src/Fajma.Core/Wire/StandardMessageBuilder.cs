using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Wire;

/// <summary>Builds a standard message with its checksum, the way a device SDK does.</summary>
public static class StandardMessageBuilder
{
    public const string ProtocolVersion = "1.0";

    /// <summary>A standard message with its checksum, signed with <paramref name="secret"/> when one is given.</summary>
    public static StandardMessage Build(string deviceId, Guid messageId, DateTimeOffset timestamp,
        IEnumerable<Measurement> measurements, WireDeviceStatus? status = null, string? patientId = null, byte[]? secret = null, string? source = null)
    {
        var wire = measurements.Select(ToWire).ToList();
        var messageType = wire.Count == 0 ? MessageTypes.DeviceStatus : MessageTypes.VitalSigns;
        var payload = new StandardPayload(wire, status);
        var checksum = PayloadChecksum.Compute(JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.StandardPayload));
        var header = new StandardHeader(messageId.ToString(), timestamp, deviceId, patientId, messageType, ProtocolVersion, checksum, source);
        var unsigned = new StandardMessage(header, payload, Signature: null);
        if (secret is null) return unsigned;
        var signedBytes = MessageSignature.SignedBytes(JsonSerializer.SerializeToElement(unsigned, WireJsonContext.Default.StandardMessage));
        return unsigned with { Signature = MessageSignature.Sign(secret, signedBytes) };
    }

    /// <summary>A CRITICAL_ALERT with its checksum, signed with <paramref name="secret"/> when one is given; for the alert topic or endpoint.</summary>
    public static byte[] CriticalAlert(string deviceId, Guid messageId, DateTimeOffset timestamp, WireAlertPayload payload, byte[]? secret = null, string? patientId = null)
    {
        var checksum = PayloadChecksum.Compute(JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.WireAlertPayload));
        var header = new StandardHeader(messageId.ToString(), timestamp, deviceId, patientId, MessageTypes.CriticalAlert, ProtocolVersion, checksum);
        var message = new StandardAlertMessage(header, payload, Signature: null);
        if (secret is not null)
        {
            var signedBytes = MessageSignature.SignedBytes(JsonSerializer.SerializeToElement(message, WireJsonContext.Default.StandardAlertMessage));
            message = message with { Signature = MessageSignature.Sign(secret, signedBytes) };
        }
        return JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.StandardAlertMessage);
    }

    /// <summary>The flat ESP32 message, signed with <paramref name="secret"/> when one is given.</summary>
    public static byte[] Flat(FlatDeviceMessage message, byte[]? secret)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (secret is null) return JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.FlatDeviceMessage);
        var signedBytes = MessageSignature.SignedBytes(JsonSerializer.SerializeToElement(message with { Signature = null }, WireJsonContext.Default.FlatDeviceMessage));
        return JsonSerializer.SerializeToUtf8Bytes(message with { Signature = MessageSignature.Sign(secret, signedBytes) }, WireJsonContext.Default.FlatDeviceMessage);
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
