using Fajma.Core.Alerts;

namespace Fajma.Core.Tests;

public sealed class SystemHealthRuleTests
{
    [Theory]
    [InlineData(SystemHealthRules.ConnectionQuality, 0.65, 0.8)]
    [InlineData(SystemHealthRules.DataLossRate, 0.08, 0.03)]
    [InlineData(SystemHealthRules.LatencyAverage, 1500, 700)]
    [InlineData(SystemHealthRules.DeviceFailures, 3, 1)]
    public void EachSeedSystemLimitRaisesOnTwoBadChecksAndResolvesOnTwoGoodOnes(string metric, double bad, double good)
    {
        var rule = SystemHealthRules.All.Single(r => r.Type == metric);
        var state = RuleState.Initial;
        RuleOutcome outcome;
        (state, outcome) = AlertRuleEvaluator.Evaluate(rule, state, bad, null);
        Assert.Equal(RuleOutcome.None, outcome);
        (state, outcome) = AlertRuleEvaluator.Evaluate(rule, state, bad, null);
        Assert.Equal(RuleOutcome.Raised, outcome);
        (state, outcome) = AlertRuleEvaluator.Evaluate(rule, state, good, null);
        (_, outcome) = AlertRuleEvaluator.Evaluate(rule, state, good, null);
        Assert.Equal(RuleOutcome.Resolved, outcome);
    }

    [Fact]
    public void AtTheSeedLimitItselfNothingIsRaised()
    {
        foreach (var rule in SystemHealthRules.All)
        {
            var (state, _) = AlertRuleEvaluator.Evaluate(rule, RuleState.Initial, rule.Limit, null);
            Assert.Equal(RuleOutcome.None, AlertRuleEvaluator.Evaluate(rule, state, rule.Limit, null).Outcome);
        }
    }
}
