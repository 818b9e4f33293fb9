namespace Fajma.Core.Alerts;

/// <summary>
/// A threshold rule as a patient's alarm profile shapes it: the day limit (<see cref="Day"/>), an optional other limit
/// at night, and a delay — the value must stay beyond the limit that long before the alert raises (xDrip's "outside
/// for N minutes"; a 15 s delay alone cut low-SpO₂ alarms by 60 % in a ward study). Day and night share one key, so an
/// alert open at 06:59 stays the same alert at 07:00.
/// </summary>
public sealed record ProfiledRule(ThresholdRule Day, double? NightLimit, TimeSpan Delay)
{
    public string Key => Day.Key;

    public AlertSeverity Severity => Day.Severity;

    /// <summary>The rule that applies to a reading taken by day or at night.</summary>
    public ThresholdRule At(bool night) => night && NightLimit is { } limit ? Day with { Limit = limit } : Day;

    public static ProfiledRule Plain(ThresholdRule rule) => new(rule, null, TimeSpan.Zero);
}
