namespace Fajma.Core.Alerts;

/// <summary>
/// What the doctor who resolved an alert by hand judged it: real and acted on, or not actionable (artefact, expected,
/// nothing to do). Counted per rule as the alarm burden, so limits can be tuned where most alarms are not actionable.
/// </summary>
public enum AlertOutcome
{
    Actionable,
    NotActionable,
}
