namespace Fajma.Core.Alerts;

/// <summary>
/// What a patient's alarm profile says of one vital sign beyond its day limits (the patient's thresholds, else the
/// defaults): other limits at night (null: the day limit holds at night too), how long a value must stay beyond before
/// it raises, and the severity its alerts carry (null: the default's, critical — and a critical alert cannot be snoozed).
/// </summary>
public sealed record SignLimits(string Type, double? NightLow, double? NightHigh, TimeSpan Delay, AlertSeverity? Severity = null);
