using Fajma.Core.Alerts;
using Fajma.Core.Triage;

namespace Fajma.Core.Tests;

/// <summary>The triage board's order, rule by rule: each row of a table puts two patients that differ in one fact.</summary>
public sealed class TriageRankTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A calm patient: nothing open, nothing out of range, fully covered, NEWS2 steady, reviewed after the last alert.</summary>
    private static TriageFacts Calm(string name) =>
        new(name.GetHashCode(StringComparison.Ordinal), name, 0, 0, null, TimeSpan.Zero, 1, 1, 1, s_now.AddHours(-5), s_now.AddHours(-1));

    public static TheoryData<string, Func<TriageFacts, TriageFacts>, Func<TriageFacts, TriageFacts>> Pairs() => new()
    {
        { "an open critical alert beats a major one", p => p with { OpenAlerts = 1, OpenCritical = 1, HighestOpen = AlertSeverity.Critical },
            p => p with { OpenAlerts = 3, HighestOpen = AlertSeverity.Major } },
        { "a major alert beats warnings", p => p with { OpenAlerts = 1, HighestOpen = AlertSeverity.Major }, p => p with { OpenAlerts = 4, HighestOpen = AlertSeverity.Warning } },
        { "more open alerts of the same severity first", p => p with { OpenAlerts = 2, HighestOpen = AlertSeverity.Warning }, p => p with { OpenAlerts = 1, HighestOpen = AlertSeverity.Warning } },
        { "any open alert beats a rising NEWS2", p => p with { OpenAlerts = 1, HighestOpen = AlertSeverity.Warning }, p => p with { News2Now = 4, News2Before = 1 } },
        { "NEWS2 up by 2 beats hours out of range", p => p with { News2Now = 3, News2Before = 1 }, p => p with { OutOfRange = TimeSpan.FromHours(5) } },
        { "NEWS2 up by 1 is not a rise", p => p with { OutOfRange = TimeSpan.FromMinutes(15) }, p => p with { News2Now = 2, News2Before = 1 } },
        { "longer out of range first", p => p with { OutOfRange = TimeSpan.FromMinutes(95) }, p => p with { OutOfRange = TimeSpan.FromMinutes(40) } },
        { "out of range beats low coverage", p => p with { OutOfRange = TimeSpan.FromMinutes(20) }, p => p with { Coverage = 0.1 } },
        { "within the same quarter hour, low coverage speaks", p => p with { OutOfRange = TimeSpan.FromMinutes(16), Coverage = 0.4 },
            p => p with { OutOfRange = TimeSpan.FromMinutes(25) } },
        { "low coverage beats an alert since the review", p => p with { Coverage = 0.5 }, p => p with { LastReviewedAt = null } },
        { "an alert since the last review first", p => p with { LastReviewedAt = s_now.AddHours(-6) }, p => p },
        { "never reviewed with an alert counts as not reviewed", p => p with { LastReviewedAt = null }, p => p },
        { "then the lower coverage", p => p with { Coverage = 0.8 }, p => p with { Coverage = 0.9 } },
        { "no data at all is low coverage", p => p with { Coverage = 0, News2Now = null, News2Before = null, LastAlertAt = null }, p => p },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TheFirstPatientOfEachPairRanksAboveTheSecond(string because, Func<TriageFacts, TriageFacts> first, Func<TriageFacts, TriageFacts> second)
    {
        // "B" sorts after "A" by name: a first patient named "Z" can only rank first by the rule under test.
        var a = first(Calm("Z"));
        var b = second(Calm("A"));
        Assert.True(TriageRank.Order([b, a])[0] == a, because);
        Assert.True(TriageRank.Order([a, b])[0] == a, because);
    }

    [Fact]
    public void EqualPatientsKeepAStableOrderByName()
    {
        var order = TriageRank.Order([Calm("Chloé"), Calm("Adam"), Calm("Bruno")]);
        Assert.Equal(["Adam", "Bruno", "Chloé"], order.Select(p => p.Name));
    }

    public static TheoryData<string, Func<TriageFacts, TriageFacts>, TriageReason> ReasonRows() => new()
    {
        { "calm", p => p, TriageReason.None },
        { "critical only", p => p with { OpenAlerts = 1, OpenCritical = 1, HighestOpen = AlertSeverity.Critical }, TriageReason.OpenCritical },
        { "critical and a warning", p => p with { OpenAlerts = 2, OpenCritical = 1, HighestOpen = AlertSeverity.Critical }, TriageReason.OpenCritical | TriageReason.OpenAlerts },
        { "NEWS2 up 2", p => p with { News2Now = 5, News2Before = 3 }, TriageReason.News2Rising },
        { "NEWS2 down 2", p => p with { News2Now = 1, News2Before = 3 }, TriageReason.None },
        { "NEWS2 unknown before", p => p with { News2Now = 5, News2Before = null }, TriageReason.None },
        { "out of range", p => p with { OutOfRange = TimeSpan.FromMinutes(3) }, TriageReason.OutOfRange },
        { "coverage just under 70 %", p => p with { Coverage = 0.69 }, TriageReason.LowCoverage },
        { "coverage at 70 %", p => p with { Coverage = 0.7 }, TriageReason.None },
        { "reviewed before the last alert", p => p with { LastReviewedAt = s_now.AddHours(-6) }, TriageReason.AlertSinceReview },
        { "never reviewed, never alerted", p => p with { LastReviewedAt = null, LastAlertAt = null }, TriageReason.None },
    };

    [Theory]
    [MemberData(nameof(ReasonRows))]
    public void TheReasonsNameWhatPutThePatientThere(string because, Func<TriageFacts, TriageFacts> facts, TriageReason reasons)
    {
        Assert.True(reasons == TriageRank.Reasons(facts(Calm("A"))), because);
    }
}
