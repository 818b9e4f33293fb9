using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

public sealed record WireDeviceStatus(
    [property: JsonPropertyName("battery_level")] int? BatteryLevel,
    [property: JsonPropertyName("signal_strength")] int? SignalStrength,
    [property: JsonPropertyName("last_calibration")] DateTimeOffset? LastCalibration);
