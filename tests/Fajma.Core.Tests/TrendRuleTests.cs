using CsCheck;
using Fajma.Core.Alerts;

namespace Fajma.Core.Tests;

/// <summary>
/// Trend rules: a change of the rule's amount within its window raises, a slower one does not, it resolves once the
/// value steadies; NEWS2 rising by 2 within the window raises too.
/// </summary>
public sealed class TrendRuleTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TrendRule s_spo2Fall = new("spo2", Rising: false, 4, TimeSpan.FromMinutes(10));
    private static readonly TrendRule s_heartRise = new("heart_rate", Rising: true, 30, TimeSpan.FromMinutes(15));
    private static readonly TrendRule s_news2Rise = new("news2", Rising: true, 2, TimeSpan.FromMinutes(60));

    private static List<RuleOutcome> Feed(TrendRule rule, params (double Minutes, double Value)[] readings)
    {
        var state = TrendState.Initial;
        var outcomes = new List<RuleOutcome>();
        foreach (var (minutes, value) in readings)
        {
            (state, var outcome) = TrendEvaluator.Evaluate(rule, state, value, s_t0.AddMinutes(minutes), snoozed: false);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private static readonly RuleOutcome N = RuleOutcome.None, R = RuleOutcome.Raised, X = RuleOutcome.Resolved;

    public static TheoryData<string, (double, double)[], RuleOutcome[]> Cases() => new()
    {
        // SpO₂ down 4 in 10 min
        { "spo2", [(0, 97), (5, 95), (9, 93)], [N, N, R] },
        { "spo2", [(0, 97), (5, 95), (11, 93)], [N, N, N] },                 // 4 points, but over 11 minutes
        { "spo2", [(0, 97), (3, 94), (6, 94)], [N, N, N] },                   // 3 points only
        { "spo2", [(0, 97), (1, 93), (2, 93), (12, 93)], [N, R, N, X] },     // steady again: the fall is over
        { "spo2", [(0, 97), (1, 93), (2, 96)], [N, R, X] },                   // came back
        // heart rate up 30 in 15 min
        { "heart_rate", [(0, 70), (10, 85), (14, 100)], [N, N, R] },
        { "heart_rate", [(0, 70), (10, 85), (16, 100)], [N, N, N] },
        // NEWS2 up 2 within an hour
        { "news2", [(0, 1), (30, 2), (50, 3)], [N, N, R] },
        { "news2", [(0, 1), (61, 3)], [N, N] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ATrendRaisesOnItsChangeWithinItsWindowOnly(string type, (double, double)[] readings, RuleOutcome[] expected)
    {
        var rule = type switch { "spo2" => s_spo2Fall, "heart_rate" => s_heartRise, _ => s_news2Rise };

        Assert.Equal(expected, Feed(rule, readings));
    }

    [Fact]
    public void AReadingOlderThanTheLastOneMovesNothing()
    {
        var (state, _) = TrendEvaluator.Evaluate(s_spo2Fall, TrendState.Initial, 97, s_t0.AddMinutes(5), false);

        var (after, outcome) = TrendEvaluator.Evaluate(s_spo2Fall, state, 80, s_t0, false);

        Assert.Equal(RuleOutcome.None, outcome);
        Assert.Same(state, after);
    }

    [Fact]
    public void ASnoozedTrendDoesNotRaiseButACriticalOneDoes()
    {
        var (state, _) = TrendEvaluator.Evaluate(s_spo2Fall, TrendState.Initial, 97, s_t0, false);

        Assert.Equal(RuleOutcome.Snoozed, TrendEvaluator.Evaluate(s_spo2Fall, state, 92, s_t0.AddMinutes(1), snoozed: true).Outcome);
        Assert.Equal(RuleOutcome.Raised, TrendEvaluator.Evaluate(s_spo2Fall with { Severity = AlertSeverity.Critical }, state, 92, s_t0.AddMinutes(1), snoozed: true).Outcome);
    }

    /// <summary>Values 1 s apart for up to an hour: what the rule remembers stays bounded by its buckets.</summary>
    [Fact]
    public void WhatATrendRemembersStaysBoundedWhateverTheReadingRate() =>
        Gen.Double[80, 100].Array[1, 3600].Sample(values =>
        {
            var state = TrendState.Initial;
            for (var i = 0; i < values.Length; i++) (state, _) = TrendEvaluator.Evaluate(s_spo2Fall, state, values[i], s_t0.AddSeconds(i), false);
            Assert.InRange(state.Samples.Count, 1, TrendEvaluator.Buckets + 2);
        }, iter: 50);

    /// <summary>
    /// Any series: the rule raises at a reading exactly when the fall from the highest value of the last 10 minutes
    /// reaches 4 (thinning keeps the highest of each bucket, so it is never late; its timestamp is a bucket early at most).
    /// </summary>
    [Fact]
    public void AFallRaisesNoLaterThanTheFirstReadingFourBelowARecentHigh() =>
        Gen.Double[85, 100].Array[2, 200].Sample(values =>
        {
            var state = TrendState.Initial;
            for (var i = 0; i < values.Length; i++)
            {
                var at = s_t0.AddSeconds(i * 7);
                var exact = Enumerable.Range(0, i).Where(j => s_t0.AddSeconds(j * 7) >= at - s_spo2Fall.Window).Select(j => values[j]).DefaultIfEmpty(values[i]).Max() - values[i];
                (state, var outcome) = TrendEvaluator.Evaluate(s_spo2Fall, state, values[i], at, false);
                if (outcome == RuleOutcome.Raised) return; // raised at or before the exact moment: what a trend rule promises
                Assert.True(exact < s_spo2Fall.Change, $"a fall of {exact} at reading {i} did not raise");
            }
        }, iter: 300);
}
