using System.Text.Json;
using Fajma.Core.Alerts;

namespace Fajma.Core.Messages;

/// <summary>Reads a CRITICAL_ALERT payload, naming every bad field. The device's severity words map onto ours.</summary>
internal static class DeviceAlertReader
{
    public const int MaxMeasurements = 32;

    private static readonly Dictionary<string, AlertSeverity> s_severities = new(StringComparer.Ordinal)
    {
        ["LOW"] = AlertSeverity.Warning,
        ["MEDIUM"] = AlertSeverity.Major,
        ["HIGH"] = AlertSeverity.Critical,
        ["CRITICAL"] = AlertSeverity.Critical,
    };

    public static DeviceAlertReport? Read(FieldReader reader, JsonElement payload)
    {
        var type = reader.String(payload, "alert_type", "payload.alert_type", required: true, maxLength: 64);
        if (type is not null && !type.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            reader.Add("payload.alert_type", "must be upper-case letters, digits and underscores, such as CARDIAC_ARRHYTHMIA");
        var severityText = reader.String(payload, "severity", "payload.severity", required: true, maxLength: 16);
        AlertSeverity? severity = null;
        if (severityText is not null)
        {
            if (s_severities.TryGetValue(severityText, out var s)) severity = s;
            else reader.Add("payload.severity", $"must be one of {string.Join(", ", s_severities.Keys)}");
        }
        var description = reader.String(payload, "description", "payload.description", required: false, maxLength: 500);
        var action = reader.String(payload, "recommended_action", "payload.recommended_action", required: false, maxLength: 64);
        var emergency = ReadBoolean(reader, payload, "auto_emergency_call", "payload.auto_emergency_call");
        var measurements = ReadMeasurements(reader, payload);
        double? confidence = null;
        if (measurements.Remove("confidence", out var c))
        {
            if (c is >= 0 and <= 1) confidence = c;
            else reader.Add("payload.measurements.confidence", "must be from 0 to 1");
        }
        return type is null || severity is null ? null
            : new DeviceAlertReport(type, severity.Value, description, measurements, confidence, action, emergency ?? false);
    }

    private static Dictionary<string, double> ReadMeasurements(FieldReader reader, JsonElement payload)
    {
        var measurements = new Dictionary<string, double>(StringComparer.Ordinal);
        if (reader.Object(payload, "measurements", "payload.measurements", required: false) is not { } list) return measurements;
        foreach (var item in list.EnumerateObject())
        {
            var path = $"payload.measurements.{item.Name}";
            if (measurements.Count == MaxMeasurements)
            {
                reader.Add("payload.measurements", $"holds more than {MaxMeasurements} values");
                break;
            }
            if (item.Name.Length is 0 or > 64 || !item.Name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
                reader.Add(path, "names must be lower-case snake_case, at most 64 characters");
            else if (reader.NumberValue(item.Value, path) is { } value)
                measurements[item.Name] = value;
        }
        return measurements;
    }

    private static bool? ReadBoolean(FieldReader reader, JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        reader.Add(path, $"must be true or false, not {FieldReader.Describe(value)}");
        return null;
    }
}
