namespace Fajma.Core.Alerts;

/// <summary>
/// Feeds one reading to a profiled rule: the day or night limit by the reading's time, the rule's run of readings
/// beyond (<see cref="ThresholdRule.Consecutive"/>) and its delay. A reading back inside before the delay is over
/// resets it. A snoozed rule keeps counting but does not raise; a critical outcome is never held back by a snooze.
/// </summary>
public static class ProfiledRuleEvaluator
{
    public static (RuleState State, RuleOutcome Outcome) Evaluate(ProfiledRule profiled, RuleState state, double value, int? quality, DateTimeOffset at,
        bool night, bool snoozed)
    {
        ArgumentNullException.ThrowIfNull(profiled);
        ArgumentNullException.ThrowIfNull(state);
        var rule = profiled.At(night);
        if (quality is { } q && q < rule.MinQuality) return (state, RuleOutcome.Doubtful);
        if (state.Open)
        {
            var (open, outcome) = AlertRuleEvaluator.Evaluate(rule, state, value, quality);
            return (open, outcome);
        }
        if (!rule.IsBeyond(value)) return (RuleState.Initial, RuleOutcome.None);
        var since = state.BeyondSince is { } s && s <= at ? s : at;
        var run = state.RunBeyond + 1;
        if (run < rule.Consecutive || at - since < profiled.Delay) return (new RuleState(false, run, 0, since), RuleOutcome.None);
        if (snoozed && rule.Severity != AlertSeverity.Critical) return (new RuleState(false, run, 0, since), RuleOutcome.Snoozed);
        return (new RuleState(true, 0, 0), RuleOutcome.Raised);
    }
}
