using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>The standard message as a device writes it (seed 000 §2.2A). Build one with <see cref="StandardMessageBuilder"/>.</summary>
public sealed record StandardMessage(
    [property: JsonPropertyName("header")] StandardHeader Header,
    [property: JsonPropertyName("payload")] StandardPayload Payload,
    [property: JsonPropertyName("signature")] string? Signature);
