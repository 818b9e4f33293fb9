using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>One measurement; <see cref="Value"/> is a number, or <c>{systolic, diastolic}</c> for blood pressure.</summary>
public sealed record WireMeasurement(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonElement Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("quality")] int? Quality,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp);
