using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

public sealed record StandardHeader(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("patient_id")] string? PatientId,
    [property: JsonPropertyName("message_type")] string MessageType,
    [property: JsonPropertyName("protocol_version")] string ProtocolVersion,
    [property: JsonPropertyName("checksum")] string Checksum,
    [property: JsonPropertyName("source")] string? Source = null);
