using Fajma.Core.Nudges;

namespace Fajma.Core.Tests;

/// <summary>
/// A nudge's life: the patient is nudged once the condition has lasted its onset, the care team is told only if it is
/// still there past the limit, and a good reading clears it whichever of the two it reached.
/// </summary>
public sealed class NudgeMachineTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly NudgePolicy s_policy = new(TimeSpan.FromMinutes(20), OffSkinAfter: TimeSpan.FromMinutes(2));

    /// <summary>N: nothing; U: nudge; E: escalate; B: nudge and escalate at once; C: clear.</summary>
    private static string Feed(NudgeKind kind, NudgePolicy policy, params (double Minutes, bool Bad)[] steps)
    {
        var state = NudgeState.Clear;
        var said = "";
        foreach (var (minutes, bad) in steps)
        {
            var step = NudgeMachine.Step(state, bad, s_t0.AddMinutes(minutes), kind, policy);
            state = step.Next;
            said += (step.Nudge, step.Escalate, step.Clear) switch
            {
                (true, true, _) => "B",
                (true, _, _) => "U",
                (_, true, _) => "E",
                (_, _, true) => "C",
                _ => "N",
            };
        }
        return said;
    }

    public static TheoryData<NudgeKind, (double, bool)[], string> Cases() => new()
    {
        // Silence and a low battery are facts when seen: nudged at once.
        { NudgeKind.MissingMeasurement, [(0, true), (5, true), (19, true)], "UNN" },
        { NudgeKind.MissingMeasurement, [(0, true), (10, true), (20, true), (30, true)], "UNEN" },  // told once, at the limit
        { NudgeKind.MissingMeasurement, [(0, true), (10, false)], "UC" },                           // a reading came: cleared
        { NudgeKind.MissingMeasurement, [(0, true), (25, true), (26, false)], "UEC" },              // cleared after escalation too
        { NudgeKind.MissingMeasurement, [(0, true), (10, false), (11, true), (30, true), (31, true)], "UCUNE" }, // a new nudge, a new limit
        { NudgeKind.LowBattery, [(0, false), (1, true), (21, true)], "NUE" },
        // Off the skin: a run of doubtful readings for two minutes before the patient hears of it.
        { NudgeKind.SensorOffSkin, [(0, true), (1, true), (2, true), (22, true)], "NNUE" },
        { NudgeKind.SensorOffSkin, [(0, true), (1, true), (1.5, false), (2, true), (3, true)], "NNNNN" }, // a good reading restarts the run
        { NudgeKind.SensorOffSkin, [(0, false), (1, false)], "NN" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_patient_is_nudged_first_and_the_care_team_told_only_past_the_limit(NudgeKind kind, (double, bool)[] steps, string expected) =>
        Assert.Equal(expected, Feed(kind, s_policy, steps));

    [Fact]
    public void A_zero_limit_nudges_and_tells_the_care_team_in_one_step() =>
        Assert.Equal("BNC", Feed(NudgeKind.MissingMeasurement, s_policy with { EscalateAfter = TimeSpan.Zero }, (0, true), (1, true), (2, false)));

    public static TheoryData<int, bool, bool> Batteries() => new()
    {
        { 14, false, true },
        { 15, false, false },
        { 17, true, true },   // once low, still low until it is charged past the recovery level
        { 20, true, false },
        { 80, true, false },
    };

    [Theory]
    [MemberData(nameof(Batteries))]
    public void A_battery_is_low_under_its_level_and_stays_low_until_charged_past_the_recovery_level(int level, bool wasLow, bool low) =>
        Assert.Equal(low, NudgePolicy.Default.IsLowBattery(level, wasLow));

    [Theory]
    [InlineData(null, false)]
    [InlineData(49, true)]
    [InlineData(50, false)]
    public void A_reading_under_the_rules_minimum_quality_is_doubtful(int? quality, bool doubtful) =>
        Assert.Equal(doubtful, NudgePolicy.Default.IsDoubtful(quality));
}
