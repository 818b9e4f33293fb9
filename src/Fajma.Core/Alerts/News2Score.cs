namespace Fajma.Core.Alerts;

/// <summary>A NEWS2 result: each parameter's score, the total, the risk, and what was not measured.</summary>
public sealed record News2Score(
    int RespiratoryRate,
    int Spo2,
    int SupplementalOxygen,
    int SystolicBloodPressure,
    int HeartRate,
    int Consciousness,
    int Temperature,
    IReadOnlyList<string> Missing)
{
    public int Total => RespiratoryRate + Spo2 + SupplementalOxygen + SystolicBloodPressure + HeartRate + Consciousness + Temperature;

    /// <summary>True when every parameter was measured: only then is the total a NEWS2 score in the RCP sense.</summary>
    public bool IsComplete => Missing.Count == 0;

    public News2Risk Risk => Total >= 7 ? News2Risk.High
        : Total >= 5 ? News2Risk.Medium
        : RespiratoryRate == 3 || Spo2 == 3 || SupplementalOxygen == 3 || SystolicBloodPressure == 3 || HeartRate == 3 || Consciousness == 3 || Temperature == 3 ? News2Risk.LowMedium
        : News2Risk.Low;
}
