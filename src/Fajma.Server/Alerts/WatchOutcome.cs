using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>What a patient's readings did to one of their alert rules.</summary>
public sealed record WatchOutcome(WatchOutcomeKind Kind, AlertKind AlertKind, string Rule, AlertSeverity Severity, AlertContent Content, DateTimeOffset At);

public enum WatchOutcomeKind
{
    /// <summary>Beyond the limit long enough: a new alert.</summary>
    Raise,
    /// <summary>Still beyond while the alert is open: folded into it, no new page.</summary>
    Fold,
    /// <summary>Back inside by the hysteresis long enough: the alert resolves itself.</summary>
    Resolve,
}
