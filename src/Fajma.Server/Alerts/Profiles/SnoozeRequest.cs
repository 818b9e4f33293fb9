namespace Fajma.Server.Alerts.Profiles;

/// <summary>Snoozes one rule (its key, e.g. <c>trend:spo2:down</c>, <c>news2</c>, <c>nodata:{device}</c>) until a time at most 24 h away.</summary>
public sealed record SnoozeRequest(string? Rule, DateTimeOffset? Until);
