namespace Fajma.Core.Alerts;

/// <summary>
/// The rules every patient has unless their doctor sets their own limits for a sign. Heart rate, SpO₂ and
/// temperature are the seed's critical thresholds (seed 002 <c>is_critical_alert</c>); blood pressure uses the
/// hypertensive-crisis (systolic > 180 mmHg, AHA 2017) and hypotension (systolic < 90 mmHg) bands.
/// Hysteresis in the sign's unit: what "back to normal" needs, so a value at the limit does not flap.
/// </summary>
public static class DefaultAlertRules
{
    public static IReadOnlyList<ThresholdRule> All { get; } =
    [
        new("heart_rate", Above: true, 120, AlertSeverity.Critical, Hysteresis: 5),
        new("heart_rate", Above: false, 50, AlertSeverity.Critical, Hysteresis: 5),
        new("spo2", Above: false, 90, AlertSeverity.Critical, Hysteresis: 2),
        new("temperature", Above: true, 38.5, AlertSeverity.Critical, Hysteresis: 0.3),
        new("blood_pressure", Above: true, 180, AlertSeverity.Critical, Hysteresis: 10),
        new("blood_pressure", Above: false, 90, AlertSeverity.Critical, Hysteresis: 5),
    ];

    /// <summary>The rules for a patient: their own limits replace the defaults of that sign (a side left open has no rule).</summary>
    public static IReadOnlyList<ThresholdRule> For(IEnumerable<Vitals.AlertThreshold> own)
    {
        ArgumentNullException.ThrowIfNull(own);
        var overrides = own.ToDictionary(t => t.Type, StringComparer.Ordinal);
        var rules = All.Where(r => !overrides.ContainsKey(r.Type)).ToList();
        foreach (var t in overrides.Values)
        {
            var template = All.FirstOrDefault(r => r.Type == t.Type);
            var (hysteresis, severity) = (template?.Hysteresis ?? 0, template?.Severity ?? AlertSeverity.Critical);
            if (t.High is { } high) rules.Add(new ThresholdRule(t.Type, Above: true, high, severity, hysteresis));
            if (t.Low is { } low) rules.Add(new ThresholdRule(t.Type, Above: false, low, severity, hysteresis));
        }
        return rules;
    }
}
