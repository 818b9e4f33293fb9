namespace Fajma.Server.Alerts.Profiles;

/// <summary>What <see cref="Storage.PatientAlarmProfile.Document"/> holds: the profile's lists as the API spells them (day limits live in the thresholds).</summary>
public sealed record AlarmProfileDocument(IReadOnlyList<SignLimitsDto> Limits, IReadOnlyList<TrendRuleDto> Trends, IReadOnlyList<DeviceOffPeriodDto> DeviceOff);
