namespace Fajma.Core.Alerts;

/// <summary>
/// What one reading did to a rule: nothing, raised its alert, resolved it — or nothing because it was doubtful, or
/// because the rule would have raised but is snoozed (it raises at the first reading beyond after the snooze ends).
/// </summary>
public enum RuleOutcome
{
    None,
    Raised,
    Resolved,
    Doubtful,
    Snoozed,
}
