namespace Fajma.Server.Alerts.Profiles;

/// <summary>A planned time without data, for one device or (null) all the patient's devices.</summary>
public sealed record DeviceOffPeriodDto(DateTimeOffset From, DateTimeOffset Until, string? DeviceId);
