namespace Fajma.Core.Vitals;

/// <summary>
/// One validated reading in the definition's unit. <paramref name="Diastolic"/> is set for blood
/// pressure only (<paramref name="Value"/> is then systolic). <paramref name="Quality"/> is the
/// device's own 0–100 confidence, null when the device does not report one.
/// <paramref name="MeasuredAt"/> is the measurement's own time when the device sent one.
/// </summary>
public sealed record Measurement(
    VitalSignType Type,
    double Value,
    double? Diastolic = null,
    int? Quality = null,
    DateTimeOffset? MeasuredAt = null);
