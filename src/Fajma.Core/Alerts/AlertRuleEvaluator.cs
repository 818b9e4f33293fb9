namespace Fajma.Core.Alerts;

/// <summary>Feeds one reading to one rule: pure, so the state can be stored and a restart resumes where it was.</summary>
public static class AlertRuleEvaluator
{
    public static (RuleState State, RuleOutcome Outcome) Evaluate(ThresholdRule rule, RuleState state, double value, int? quality)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        if (quality is { } q && q < rule.MinQuality) return (state, RuleOutcome.Doubtful);
        if (!state.Open)
        {
            var run = rule.IsBeyond(value) ? state.RunBeyond + 1 : 0;
            return run >= rule.Consecutive ? (new RuleState(true, 0, 0), RuleOutcome.Raised) : (state with { RunBeyond = run }, RuleOutcome.None);
        }
        var inside = rule.IsBackInside(value) ? state.RunInside + 1 : 0;
        return inside >= rule.Consecutive ? (RuleState.Initial, RuleOutcome.Resolved) : (state with { RunInside = inside }, RuleOutcome.None);
    }
}
