using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>The payload of a CRITICAL_ALERT as a device writes it (seed 000 §2.2A); <c>confidence</c> rides in the measurements.</summary>
public sealed record WireAlertPayload(
    [property: JsonPropertyName("alert_type")] string AlertType,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("measurements")] IReadOnlyDictionary<string, double> Measurements,
    [property: JsonPropertyName("recommended_action")] string? RecommendedAction,
    [property: JsonPropertyName("auto_emergency_call")] bool AutoEmergencyCall);
