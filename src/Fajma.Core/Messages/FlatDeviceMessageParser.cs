using System.Text.Json;
using Fajma.Core.Vitals;

namespace Fajma.Core.Messages;

/// <summary>
/// The seed 002 ESP32 sketch's flat message: <c>{device_id, timestamp, heart_rate, spo2, temperature}</c>,
/// with <c>timestamp</c> from <c>millis()</c> (uptime). A null reading (ArduinoJson writes NaN as null)
/// means the sensor had no value and is skipped; at least one reading is required. The message has no
/// id, so <c>timestamp</c> is its key: a redelivery with the same timestamp is the same message.
/// </summary>
public static class FlatDeviceMessageParser
{
    private static readonly (string Field, VitalSignDefinition Definition)[] s_fields =
    [
        ("heart_rate", VitalSigns.HeartRate),
        ("spo2", VitalSigns.OxygenSaturation),
        ("temperature", VitalSigns.BodyTemperature),
    ];

    public static ParseResult<DeviceReading> Parse(JsonElement root)
    {
        var reader = new FieldReader();
        var deviceId = reader.String(root, "device_id", "device_id", required: true, DeviceIdentifier.MaxLength);
        if (deviceId is not null && !DeviceIdentifier.IsValid(deviceId)) reader.Add("device_id", DeviceIdentifier.Rule);

        var (deviceTime, sequence) = StandardMessageParser.ReadTime(reader, root, "timestamp", "timestamp");
        var key = root.TryGetProperty("timestamp", out var rawTimestamp) ? KeyOf(rawTimestamp) : "";

        var measurements = new List<Measurement>();
        foreach (var (field, definition) in s_fields)
        {
            if (reader.Number(root, field, field, required: false) is { } value
                && MeasurementReader.Check(reader, definition, value, null, field) is { } measurement)
                measurements.Add(measurement);
        }
        if (measurements.Count == 0 && !reader.HasErrors)
            reader.Add("heart_rate", "at least one of heart_rate, spo2, temperature must have a value");

        var signature = reader.String(root, MessageSignature.Member, MessageSignature.Member, required: false, maxLength: 200);
        if (reader.HasErrors) return ParseResult<DeviceReading>.Invalid(reader.Errors);
        return ParseResult<DeviceReading>.Ok(new DeviceReading(
            WireFormat.FlatEsp32, deviceId!, "ts:" + key, MessageTypes.VitalSigns, deviceTime, sequence,
            ClaimedPatientId: null, measurements, Status: null, signature)
        {
            SignedBytes = signature is null ? default : MessageSignature.SignedBytes(root),
        });
    }

    /// <summary>
    /// The timestamp as the signature sees it (RFC 8785): <c>1000</c>, <c>1e3</c> and <c>1000.0</c> sign alike, so
    /// they must be one key too, or a replay spelled differently would pass for a new message.
    /// </summary>
    private static string KeyOf(JsonElement timestamp) => timestamp.ValueKind switch
    {
        JsonValueKind.Number when timestamp.TryGetDouble(out var number) && double.IsFinite(number) => CanonicalJson.FormatNumber(number),
        JsonValueKind.String => timestamp.GetString()!,
        _ => timestamp.GetRawText(),
    };
}
