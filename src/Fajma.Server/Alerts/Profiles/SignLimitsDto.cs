namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// One sign's limits: <see cref="Low"/>/<see cref="High"/> by day (read: the patient's own, else the defaults; written: both
/// null leaves them as they are — back to the defaults is the thresholds' DELETE), <see cref="NightLow"/>/<see cref="NightHigh"/>
/// at night (null: the day limit), the delay in seconds, and the severity (warning|major|critical; null: critical).
/// </summary>
public sealed record SignLimitsDto(string Type, double? Low, double? High, double? NightLow, double? NightHigh, int DelaySeconds, string? Severity);
