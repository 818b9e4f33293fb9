using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

public sealed record StandardPayload(
    [property: JsonPropertyName("measurements")] IReadOnlyList<WireMeasurement> Measurements,
    [property: JsonPropertyName("device_status")] WireDeviceStatus? DeviceStatus);
