using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>A device's CRITICAL_ALERT message. Build one with <see cref="StandardMessageBuilder.CriticalAlert"/>.</summary>
public sealed record StandardAlertMessage(
    [property: JsonPropertyName("header")] StandardHeader Header,
    [property: JsonPropertyName("payload")] WireAlertPayload Payload,
    [property: JsonPropertyName("signature")] string? Signature);
