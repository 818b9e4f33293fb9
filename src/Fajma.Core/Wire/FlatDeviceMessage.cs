using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>The seed 002 ESP32 sketch's message; <see cref="Timestamp"/> is <c>millis()</c> since boot.</summary>
public sealed record FlatDeviceMessage(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("heart_rate")] double? HeartRate,
    [property: JsonPropertyName("spo2")] double? Spo2,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("signature")] string? Signature = null);
