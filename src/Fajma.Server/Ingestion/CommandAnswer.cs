using System.Text.Json.Serialization;

namespace Fajma.Server.Ingestion;

/// <summary>
/// A device's answer to a command over HTTP: the MQTT answer <c>{"correlation_id","status":"ok"|"error","detail"}</c> plus
/// <c>signature</c>, computed as for its messages (HMAC-SHA256 with its secret over the RFC 8785 bytes without <c>signature</c>).
/// </summary>
public sealed record CommandAnswer(
    [property: JsonPropertyName("correlation_id")] Guid CorrelationId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("signature")] string Signature);
