using Fajma.Core.Alerts;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

/// <summary>The default rules and their hysteresis: one noisy sample pages nobody, a value hovering at the limit does not flap.</summary>
public sealed class AlertRuleTests
{
    /// <summary>The outcomes of feeding <paramref name="values"/> one after another (quality 95) to <paramref name="rule"/>.</summary>
    private static List<RuleOutcome> Feed(ThresholdRule rule, params double[] values)
    {
        var state = RuleState.Initial;
        var outcomes = new List<RuleOutcome>();
        foreach (var v in values)
        {
            (state, var outcome) = AlertRuleEvaluator.Evaluate(rule, state, v, 95);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private static ThresholdRule Default(string type, bool above) => DefaultAlertRules.All.Single(r => r.Type == type && r.Above == above);

    public static TheoryData<string, bool, double, double, double> EveryDefault() => new()
    {
        // type, above, a value beyond, a value at the limit (not beyond), a value inside the limit but within its hysteresis
        { "heart_rate", true, 121, 120, 117 },
        { "heart_rate", false, 49, 50, 53 },
        { "spo2", false, 89, 90, 91 },
        { "temperature", true, 38.6, 38.5, 38.3 },
        { "blood_pressure", true, 181, 180, 175 },
        { "blood_pressure", false, 89, 90, 93 },
    };

    [Theory]
    [MemberData(nameof(EveryDefault))]
    public void EachDefaultRaisesOnTheSecondReadingBeyondNotOnOneNotAtTheLimit(string type, bool above, double beyond, double atLimit, double _)
    {
        var rule = Default(type, above);

        Assert.Equal([RuleOutcome.None, RuleOutcome.None, RuleOutcome.None, RuleOutcome.Raised], Feed(rule, beyond, atLimit, beyond, beyond));
        Assert.Equal([RuleOutcome.None, RuleOutcome.None], Feed(rule, atLimit, atLimit));
    }

    [Theory]
    [MemberData(nameof(EveryDefault))]
    public void EachDefaultResolvesOnlyOnceBackPastItsHysteresisTwice(string type, bool above, double beyond, double _, double withinHysteresis)
    {
        var rule = Default(type, above);
        var normal = above ? rule.Limit - rule.Hysteresis - 1 : rule.Limit + rule.Hysteresis + 1;

        var outcomes = Feed(rule, beyond, beyond, withinHysteresis, withinHysteresis, withinHysteresis, normal, normal);

        Assert.Equal([RuleOutcome.None, RuleOutcome.Raised, RuleOutcome.None, RuleOutcome.None, RuleOutcome.None, RuleOutcome.None, RuleOutcome.Resolved], outcomes);
    }

    [Fact]
    public void ADoubtfulReadingNeitherRaisesNorBreaksARun()
    {
        var rule = Default("spo2", above: false);
        var state = RuleState.Initial;

        (state, var first) = AlertRuleEvaluator.Evaluate(rule, state, 85, 95);
        (state, var doubtful) = AlertRuleEvaluator.Evaluate(rule, state, 70, quality: 20); // a slipping finger clip
        (_, var second) = AlertRuleEvaluator.Evaluate(rule, state, 86, 95);

        Assert.Equal((RuleOutcome.None, RuleOutcome.Doubtful, RuleOutcome.Raised), (first, doubtful, second));
    }

    [Fact]
    public void APatientsOwnLimitsReplaceTheDefaultsOfThatSignOnly()
    {
        var rules = DefaultAlertRules.For([new AlertThreshold("heart_rate", 40, 140)]);

        Assert.Equal(["heart_rate < 40", "heart_rate > 140"], rules.Where(r => r.Type == "heart_rate").Select(r => r.Name).Order());
        Assert.Contains(rules, r => r.Name == "spo2 < 90");
        Assert.Equal([RuleOutcome.None, RuleOutcome.None], Feed(rules.Single(r => r.Name == "heart_rate > 140"), 130, 130));
    }
}
