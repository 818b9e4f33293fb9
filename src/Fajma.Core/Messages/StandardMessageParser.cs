using System.Text.Json;
using Fajma.Core.Alerts;
using Fajma.Core.Vitals;

namespace Fajma.Core.Messages;

/// <summary>
/// The standard message of seed 000 §2.2A: <c>{header, payload, signature}</c>. Every field is
/// checked and every problem reported; <c>header.checksum</c> must match <see cref="PayloadChecksum"/>.
/// </summary>
public static class StandardMessageParser
{
    public const int MaxMeasurements = 64;

    /// <param name="alertChannel">True on the alert topic and endpoint, which take CRITICAL_ALERT messages and nothing else.</param>
    public static ParseResult<DeviceReading> Parse(JsonElement root, bool alertChannel = false)
    {
        var reader = new FieldReader();
        // The signed bytes hold the payload's canonical form: its checksum is taken from them, not from a second pass.
        var signedBytes = CanonicalJson.SerializeToUtf8(root, MessageSignature.Member, "payload", out var canonicalPayload);
        var header = reader.Object(root, "header", "header", required: true);
        var payload = reader.Object(root, "payload", "payload", required: true);
        var signature = reader.String(root, "signature", "signature", required: false, maxLength: 1024);

        string? messageId = null, deviceId = null, messageType = null, patientId = null, source = null;
        DateTimeOffset? deviceTime = null;
        long? deviceSequence = null;
        if (header is { } h)
        {
            messageId = reader.String(h, "message_id", "header.message_id", required: true, MessageIdentifier.MaxLength);
            if (messageId is not null && !MessageIdentifier.IsValid(messageId))
            {
                reader.Add("header.message_id", MessageIdentifier.Rule);
                messageId = null;
            }
            deviceId = reader.String(h, "device_id", "header.device_id", required: true, DeviceIdentifier.MaxLength);
            if (deviceId is not null && !DeviceIdentifier.IsValid(deviceId))
                reader.Add("header.device_id", DeviceIdentifier.Rule);
            source = reader.String(h, "source", "header.source", required: false, RelayedSource.MaxLength);
            if (source is not null && !RelayedSource.IsValid(source))
            {
                reader.Add("header.source", RelayedSource.Rule);
                source = null;
            }
            messageType = ReadMessageType(reader, h, alertChannel);
            patientId = ReadPatientId(reader, h);
            (deviceTime, deviceSequence) = ReadTime(reader, h, "timestamp", "header.timestamp");
            var version = reader.String(h, "protocol_version", "header.protocol_version", required: true, maxLength: 8);
            if (version is not null && version != "1" && !version.StartsWith("1.", StringComparison.Ordinal))
                reader.Add("header.protocol_version", $"version '{version}' is not supported; this server speaks 1.x");
            var checksum = reader.String(h, "checksum", "header.checksum", required: true, maxLength: 80);
            if (checksum is not null && payload is not null && !PayloadChecksum.Matches(signedBytes.AsSpan(canonicalPayload), checksum))
                reader.Add("header.checksum", "does not match the SHA-256 of the payload's canonical JSON (RFC 8785)");
        }

        var measurements = new List<Measurement>();
        DeviceStatusReport? status = null;
        DeviceAlertReport? alert = null;
        if (payload is { } alertBody && messageType == MessageTypes.CriticalAlert)
        {
            alert = DeviceAlertReader.Read(reader, alertBody);
        }
        else if (payload is { } body)
        {
            ReadMeasurements(reader, body, measurements);
            status = ReadStatus(reader, body);
            if (messageType == MessageTypes.VitalSigns && measurements.Count == 0 && !reader.HasErrors)
                reader.Add("payload.measurements", "a VITAL_SIGNS message needs at least one measurement");
            if (messageType == MessageTypes.DeviceStatus && status is null && !reader.HasErrors)
                reader.Add("payload.device_status", "a DEVICE_STATUS message needs a device_status");
        }

        if (reader.HasErrors) return ParseResult<DeviceReading>.Invalid(reader.Errors);
        return ParseResult<DeviceReading>.Ok(new DeviceReading(
            WireFormat.Standard, deviceId!, messageId!, messageType!, deviceTime, deviceSequence, patientId,
            measurements, status, signature) { Alert = alert, Source = source, SignedBytes = signature is null ? default : signedBytes });
    }

    private static string? ReadMessageType(FieldReader reader, JsonElement header, bool alertChannel)
    {
        var type = reader.String(header, "message_type", "header.message_type", required: true, maxLength: 32);
        if (alertChannel)
        {
            if (type is null or MessageTypes.CriticalAlert) return type;
            reader.Add("header.message_type", $"'{type}' is not accepted on the alert channel; send CRITICAL_ALERT here and vital signs to /api/v1/iot/realtime-data/ or fajma/sensors/{{id}}");
            return null;
        }
        if (type is null or MessageTypes.VitalSigns or MessageTypes.DeviceStatus) return type;
        reader.Add("header.message_type", type == MessageTypes.CriticalAlert
            ? "CRITICAL_ALERT messages go to /api/v1/iot/alerts/critical/ or fajma/sensors/{id}/alerts"
            : $"'{type}' is not accepted here; expected VITAL_SIGNS or DEVICE_STATUS");
        return null;
    }

    private static string? ReadPatientId(FieldReader reader, JsonElement header)
    {
        if (!header.TryGetProperty("patient_id", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 64 } text) return text;
        reader.Add("header.patient_id", "must be a whole number or a short string");
        return null;
    }

    /// <summary>An ISO 8601 wall-clock time, or a number of milliseconds (epoch time, or uptime when small).</summary>
    internal static (DateTimeOffset? Time, long? Sequence) ReadTime(FieldReader reader, JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            reader.Add(path, "is required");
            return (null, null);
        }
        if (value.ValueKind == JsonValueKind.String)
            return (reader.ParseIsoTimestamp(value.GetString()!, path), null);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var millis) && millis >= 0)
            return DeviceClock.IsEpochMilliseconds(millis)
                ? (DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(millis, 253_402_300_799_999)), null)
                : (null, millis);
        reader.Add(path, $"must be an ISO 8601 time or a whole number of milliseconds, not {FieldReader.Describe(value)}");
        return (null, null);
    }

    private static void ReadMeasurements(FieldReader reader, JsonElement payload, List<Measurement> measurements)
    {
        if (!payload.TryGetProperty("measurements", out var list) || list.ValueKind == JsonValueKind.Null) return;
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Add("payload.measurements", $"must be an array, not {FieldReader.Describe(list)}");
            return;
        }
        if (list.GetArrayLength() > MaxMeasurements)
        {
            reader.Add("payload.measurements", $"holds {list.GetArrayLength()} items; the limit is {MaxMeasurements}");
            return;
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (MeasurementReader.Read(reader, item, new FieldPath("payload.measurements", index++)) is { } measurement)
                measurements.Add(measurement);
        }
    }

    private static DeviceStatusReport? ReadStatus(FieldReader reader, JsonElement payload)
    {
        if (reader.Object(payload, "device_status", "payload.device_status", required: false) is not { } status) return null;
        return new DeviceStatusReport(
            reader.Integer(status, "battery_level", "payload.device_status.battery_level", 0, 100),
            reader.Integer(status, "signal_strength", "payload.device_status.signal_strength", -150, 0),
            reader.Timestamp(status, "last_calibration", "payload.device_status.last_calibration", required: false));
    }
}
