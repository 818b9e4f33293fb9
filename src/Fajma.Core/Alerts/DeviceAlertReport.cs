namespace Fajma.Core.Alerts;

/// <summary>
/// The payload of a device's CRITICAL_ALERT (seed 000 §2.2A): what it detected (<c>alert_type</c>, e.g.
/// CARDIAC_ARRHYTHMIA), how sure it is (<see cref="Confidence"/>, 0–1), and the numbers behind it.
/// </summary>
public sealed record DeviceAlertReport(
    string AlertType,
    AlertSeverity Severity,
    string? Description,
    IReadOnlyDictionary<string, double> Measurements,
    double? Confidence,
    string? RecommendedAction,
    bool AutoEmergencyCall);
