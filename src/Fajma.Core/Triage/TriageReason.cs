namespace Fajma.Core.Triage;

/// <summary>Why a patient stands where they do on the board; the web app shows them beside the patient.</summary>
[Flags]
public enum TriageReason
{
    None = 0,
    OpenCritical = 1,
    OpenAlerts = 2,
    News2Rising = 4,
    OutOfRange = 8,
    LowCoverage = 16,
    AlertSinceReview = 32,
}
