namespace Fajma.Core.Alerts;

/// <summary>Where an alert comes from; each kind folds its repeats into one open alert per patient and rule.</summary>
public enum AlertKind
{
    /// <summary>A vital sign beyond a default or per-patient limit.</summary>
    Threshold,
    /// <summary>A NEWS2 score at medium or high clinical risk.</summary>
    News2,
    /// <summary>A device that stopped sending: silence must never look like health.</summary>
    NoData,
    /// <summary>The device's own CRITICAL_ALERT (seed 000 §2.2A), e.g. an arrhythmia it detected.</summary>
    Device,
    /// <summary>A vital sign or NEWS2 moving fast within a window (a patient's trend rule), while perhaps still inside its limits.</summary>
    Trend,
    /// <summary>The platform itself out of bounds (seed 000 §6.2): for administrators, about no patient.</summary>
    System,
}
