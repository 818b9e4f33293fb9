namespace Fajma.Core.Alerts;

/// <summary>
/// The latest observations NEWS2 scores. Null = not measured (the score is then partial and says which are
/// missing). <see cref="UseScale2"/>: SpO₂ scale 2, for patients with hypercapnic respiratory failure whose
/// target is 88–92 %, set by a clinician — never inferred.
/// </summary>
public sealed record News2Input(
    double? RespiratoryRate,
    double? Spo2,
    bool UseScale2,
    bool? OnSupplementalOxygen,
    double? SystolicBloodPressure,
    double? HeartRate,
    Consciousness? Consciousness,
    double? Temperature);
