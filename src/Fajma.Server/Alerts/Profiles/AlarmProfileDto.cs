namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// A patient's alarm profile as the API shows it: the night in their time zone (<c>HH:mm</c>), each sign's day limits
/// (the patient's own, else the defaults) with its night limits, delay and severity, the trend rules, the planned
/// device-off periods and the snoozes still running.
/// </summary>
public sealed record AlarmProfileDto(
    int PatientId,
    string TimeZone,
    string NightStart,
    string NightEnd,
    IReadOnlyList<SignLimitsDto> Limits,
    IReadOnlyList<TrendRuleDto> Trends,
    IReadOnlyList<DeviceOffPeriodDto> DeviceOff,
    IReadOnlyList<AlarmSnoozeDto> Snoozes,
    IReadOnlyList<TrendRuleDto> SuggestedTrends,
    int? SetBy,
    DateTimeOffset? SetAt);
