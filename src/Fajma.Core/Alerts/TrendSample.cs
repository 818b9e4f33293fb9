namespace Fajma.Core.Alerts;

/// <summary>One value a trend rule remembers: when it was measured and what it was.</summary>
public sealed record TrendSample(DateTimeOffset At, double Value);
