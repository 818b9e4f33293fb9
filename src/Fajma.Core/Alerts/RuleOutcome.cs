namespace Fajma.Core.Alerts;

/// <summary>What one reading did to a rule: nothing, raised its alert, resolved it — or nothing because it was doubtful.</summary>
public enum RuleOutcome
{
    None,
    Raised,
    Resolved,
    Doubtful,
}
