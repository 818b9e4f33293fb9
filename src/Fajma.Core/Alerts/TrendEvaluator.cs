namespace Fajma.Core.Alerts;

/// <summary>
/// Feeds one value to a trend rule. The change is measured from the highest value within the window for a fall (the
/// lowest for a rise) to this one; reaching the rule's amount raises. It resolves itself once the change over the
/// window is under half the amount (the value steadied or came back), so a value wobbling at the edge does not flap.
/// Values must come in time order: an older one than the last is ignored (the caller skips replays and doubtful clocks).
/// </summary>
public static class TrendEvaluator
{
    /// <summary>At most this many samples are kept per window: a 1 Hz oximeter over 15 minutes stays small to share.</summary>
    public const int Buckets = 60;

    public static (TrendState State, RuleOutcome Outcome) Evaluate(TrendRule rule, TrendState state, double value, DateTimeOffset at, bool snoozed)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Samples.Count > 0 && at < state.Samples[^1].At) return (state, RuleOutcome.None);
        var kept = state.Samples.Where(s => s.At >= at - rule.Window).ToList();
        var change = kept.Count == 0 ? 0 : rule.Rising ? value - kept.Min(s => s.Value) : kept.Max(s => s.Value) - value;
        var samples = Keep(rule, kept, new TrendSample(at, value));
        if (!state.Open)
        {
            if (change < rule.Change) return (new TrendState(false, samples), RuleOutcome.None);
            if (snoozed && rule.Severity != AlertSeverity.Critical) return (new TrendState(false, samples), RuleOutcome.Snoozed);
            return (new TrendState(true, samples), RuleOutcome.Raised);
        }
        return change < rule.Change / 2 ? (new TrendState(false, samples), RuleOutcome.Resolved) : (new TrendState(true, samples), RuleOutcome.None);
    }

    /// <summary>
    /// A value in the same bucket (a 60th of the window) as the last kept one merges into it: the extreme a change is measured from, dated
    /// the later of the two — so it may count a bucket longer than the window (a raise a little early), never too little.
    /// </summary>
    private static List<TrendSample> Keep(TrendRule rule, List<TrendSample> kept, TrendSample next)
    {
        var bucket = (rule.Window / Buckets).Ticks;
        if (kept.Count > 0 && kept[^1].At.UtcTicks / bucket == next.At.UtcTicks / bucket)
        {
            var last = kept[^1];
            kept[^1] = new TrendSample(next.At, rule.Rising ? Math.Min(last.Value, next.Value) : Math.Max(last.Value, next.Value));
        }
        else kept.Add(next);
        return kept;
    }
}
