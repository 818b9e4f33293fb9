namespace Fajma.Server.Alerts.Profiles;

/// <summary>The whole profile, replacing the one before (a sign left out keeps its day limits, and loses its night limits and delay).</summary>
public sealed record AlarmProfileRequest(
    string? TimeZone,
    string? NightStart,
    string? NightEnd,
    IReadOnlyList<SignLimitsDto>? Limits,
    IReadOnlyList<TrendRuleDto>? Trends,
    IReadOnlyList<DeviceOffPeriodDto>? DeviceOff);
