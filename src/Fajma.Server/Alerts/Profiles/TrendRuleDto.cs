namespace Fajma.Server.Alerts.Profiles;

/// <summary>A trend rule: <see cref="Type"/> (a sign, or <c>news2</c>) moving <see cref="Direction"/> (up|down) by <see cref="Change"/> within <see cref="WindowMinutes"/>.</summary>
public sealed record TrendRuleDto(string Type, string Direction, double Change, int WindowMinutes, string? Severity);
