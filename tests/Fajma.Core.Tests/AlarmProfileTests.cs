using Fajma.Core.Alerts;
using Fajma.Core.Vitals;
using NodaTime;

namespace Fajma.Core.Tests;

/// <summary>
/// Alarm profiles: a delay holds a raise back until the value has been beyond that long, a reading back inside resets
/// it; night limits follow the patient's own clock (daylight-saving changes included); snoozes hold back all but
/// critical outcomes; device-off periods excuse silence; a profile is refused by field, whole.
/// </summary>
public sealed class AlarmProfileTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly ThresholdRule s_spo2Low = DefaultAlertRules.All.Single(r => r.Key == "spo2:low");

    /// <summary>Feeds (minutes after t0, value) pairs by day, unsnoozed; returns each outcome.</summary>
    private static List<RuleOutcome> Feed(ProfiledRule rule, params (double Minutes, double Value)[] readings)
    {
        var state = RuleState.Initial;
        var outcomes = new List<RuleOutcome>();
        foreach (var (minutes, value) in readings)
        {
            (state, var outcome) = ProfiledRuleEvaluator.Evaluate(rule, state, value, 95, s_t0.AddMinutes(minutes), night: false, snoozed: false);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    public static TheoryData<double, (double, double)[], RuleOutcome[]> Delays() => new()
    {
        // delay (min), readings (minute, SpO₂), outcomes
        { 0, [(0, 88), (0.1, 88)], [RuleOutcome.None, RuleOutcome.Raised] },
        { 2, [(0, 88), (1, 88), (1.9, 87)], [RuleOutcome.None, RuleOutcome.None, RuleOutcome.None] },
        { 2, [(0, 88), (1, 88), (2, 87)], [RuleOutcome.None, RuleOutcome.None, RuleOutcome.Raised] },
        { 2, [(0, 88), (1, 93), (2, 88), (3, 88), (4, 88)], [RuleOutcome.None, RuleOutcome.None, RuleOutcome.None, RuleOutcome.None, RuleOutcome.Raised] },
        { 2, [(0, 88), (2.5, 88)], [RuleOutcome.None, RuleOutcome.Raised] },
        { 5, [(0, 88), (1, 90), (5, 88)], [RuleOutcome.None, RuleOutcome.None, RuleOutcome.None] },
    };

    [Theory]
    [MemberData(nameof(Delays))]
    public void ADelayRaisesOnlyOnceTheValueHasBeenBeyondThatLongAndABreakResetsIt(double delay, (double, double)[] readings, RuleOutcome[] expected)
    {
        var rule = new ProfiledRule(s_spo2Low, null, TimeSpan.FromMinutes(delay));

        Assert.Equal(expected, Feed(rule, readings));
    }

    [Fact]
    public void ANightLimitAppliesAtNightOnlyAndTheDayLimitByDay()
    {
        var rule = new ProfiledRule(s_spo2Low, NightLimit: 86, TimeSpan.Zero);
        RuleOutcome Second(bool night)
        {
            var (state, _) = ProfiledRuleEvaluator.Evaluate(rule, RuleState.Initial, 88, 95, s_t0, night, false);
            return ProfiledRuleEvaluator.Evaluate(rule, state, 88, 95, s_t0.AddSeconds(5), night, false).Outcome;
        }

        Assert.Equal(RuleOutcome.Raised, Second(night: false));
        Assert.Equal(RuleOutcome.None, Second(night: true));
    }

    public static TheoryData<string, bool> NightInstants() => new()
    {
        // Europe/Paris, night 22:00–07:00. 28 March 2026 is CET (UTC+1); on 29 March clocks go to CEST (UTC+2) at 02:00.
        { "2026-03-28T05:30:00Z", true },   // 06:30 CET
        { "2026-03-28T06:00:00Z", false },  // 07:00 CET
        { "2026-03-28T05:00:00Z", true },   // 06:00 CET
        { "2026-03-29T04:30:00Z", true },   // 06:30 CEST
        { "2026-03-29T05:00:00Z", false },  // 07:00 CEST: day already, though the same instant was 06:00 the day before
        { "2026-03-29T00:30:00Z", true },   // 01:30 CET, before the change
        { "2026-03-29T01:30:00Z", true },   // 03:30 CEST, after the change
        { "2026-03-28T20:59:00Z", false },  // 21:59 CET
        { "2026-03-28T21:00:00Z", true },   // 22:00 CET
        { "2026-10-25T05:30:00Z", true },   // 06:30 CET, the night clocks went back
        { "2026-10-25T06:00:00Z", false },  // 07:00 CET
    };

    [Theory]
    [MemberData(nameof(NightInstants))]
    public void TheNightFollowsThePatientsClockAcrossDaylightSavingChanges(string instant, bool night)
    {
        var window = new NightWindow(DateTimeZoneProviders.Tzdb["Europe/Paris"], new LocalTime(22, 0), new LocalTime(7, 0));

        Assert.Equal(night, window.IsNight(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ASnoozedRuleKeepsCountingAndRaisesAtTheFirstReadingAfterTheSnoozeButACriticalOneIsNeverHeldBack()
    {
        var major = new ProfiledRule(s_spo2Low with { Severity = AlertSeverity.Major }, null, TimeSpan.Zero);
        var (state, _) = ProfiledRuleEvaluator.Evaluate(major, RuleState.Initial, 88, 95, s_t0, false, snoozed: true);
        (state, var snoozed) = ProfiledRuleEvaluator.Evaluate(major, state, 88, 95, s_t0.AddSeconds(5), false, snoozed: true);
        var (_, after) = ProfiledRuleEvaluator.Evaluate(major, state, 88, 95, s_t0.AddSeconds(10), false, snoozed: false);
        var critical = ProfiledRule.Plain(s_spo2Low);
        var (c1, _) = ProfiledRuleEvaluator.Evaluate(critical, RuleState.Initial, 88, 95, s_t0, false, snoozed: true);
        var (_, criticalOutcome) = ProfiledRuleEvaluator.Evaluate(critical, c1, 88, 95, s_t0.AddSeconds(5), false, snoozed: true);

        Assert.Equal(RuleOutcome.Snoozed, snoozed);
        Assert.Equal(RuleOutcome.Raised, after);
        Assert.Equal(RuleOutcome.Raised, criticalOutcome);
    }

    [Fact]
    public void ACriticalRuleOrADevicesOwnAlertCannotBeSnoozedAndTheRefusalNamesTheField()
    {
        var now = s_t0;

        Assert.Equal("rule", AlarmSnooze.Refusal("spo2:low", AlertSeverity.Critical, now.AddHours(1), now)!.Field);
        Assert.Equal("rule", AlarmSnooze.Refusal("device:d1:CARDIAC_ARRHYTHMIA", AlertSeverity.Major, now.AddHours(1), now)!.Field);
        Assert.Equal("until", AlarmSnooze.Refusal("news2", AlertSeverity.Major, now.AddHours(25), now)!.Field);
        Assert.Equal("until", AlarmSnooze.Refusal("news2", AlertSeverity.Major, now, now)!.Field);
        Assert.Null(AlarmSnooze.Refusal("news2", AlertSeverity.Major, now.AddHours(1), now));
    }

    [Fact]
    public void ADeviceOffPeriodExcusesSilenceWhileItLastsAndSilenceCountsFromItsEnd()
    {
        var profile = AlarmProfile.Default with { DeviceOff = [new DeviceOffPeriod(s_t0, s_t0.AddHours(1), "ox-1")] };

        Assert.True(profile.IsDeviceOff("ox-1", s_t0.AddMinutes(30)));
        Assert.False(profile.IsDeviceOff("ox-2", s_t0.AddMinutes(30)));
        Assert.False(profile.IsDeviceOff("ox-1", s_t0.AddHours(1)));
        Assert.Equal(s_t0.AddHours(1), profile.SilentSince("ox-1", s_t0.AddMinutes(-5), s_t0.AddHours(2)));
        Assert.Equal(s_t0.AddMinutes(-5), profile.SilentSince("ox-2", s_t0.AddMinutes(-5), s_t0.AddHours(2)));
    }

    [Fact]
    public void ProfileLimitsShapeThePatientsRulesAndLeaveOtherSignsAsDefaults()
    {
        var profile = AlarmProfile.Default with { Limits = [new SignLimits("spo2", NightLow: 86, NightHigh: null, TimeSpan.FromMinutes(2), AlertSeverity.Major)] };

        var rules = profile.Rules([new AlertThreshold("spo2", 92, null)]);

        var spo2 = rules.Single(r => r.Key == "spo2:low");
        Assert.Equal((92d, 86d, AlertSeverity.Major), (spo2.Day.Limit, spo2.At(night: true).Limit, spo2.Severity));
        Assert.Equal(TimeSpan.FromMinutes(2), spo2.Delay);
        Assert.All(rules.Where(r => r.Day.Type != "spo2"), r => Assert.Equal((TimeSpan.Zero, (double?)null), (r.Delay, r.NightLimit)));
    }

    public static TheoryData<AlarmProfile, string> BadProfiles() => new()
    {
        { AlarmProfile.Default with { TimeZone = "Mars/Olympus" }, "timeZone" },
        { AlarmProfile.Default with { NightEnd = new LocalTime(22, 0) }, "nightEnd" },
        { AlarmProfile.Default with { Limits = [new SignLimits("glucose", null, null, TimeSpan.Zero)] }, "limits[0].type" },
        { AlarmProfile.Default with { Limits = [new SignLimits("spo2", 95, 90, TimeSpan.Zero)] }, "limits[0].nightHigh" },
        { AlarmProfile.Default with { Limits = [new SignLimits("spo2", 300, null, TimeSpan.Zero)] }, "limits[0].nightLow" },
        { AlarmProfile.Default with { Limits = [new SignLimits("spo2", null, null, TimeSpan.FromMinutes(61))] }, "limits[0].delaySeconds" },
        { AlarmProfile.Default with { Trends = [new TrendRule("spo2", false, 0, TimeSpan.FromMinutes(10))] }, "trends[0].change" },
        { AlarmProfile.Default with { Trends = [new TrendRule("spo2", false, 4, TimeSpan.Zero)] }, "trends[0].windowMinutes" },
        { AlarmProfile.Default with { Trends = [new TrendRule("mood", true, 4, TimeSpan.FromMinutes(5))] }, "trends[0].type" },
        { AlarmProfile.Default with { DeviceOff = [new DeviceOffPeriod(s_t0, s_t0)] }, "deviceOff[0].until" },
        { AlarmProfile.Default with { DeviceOff = [new DeviceOffPeriod(s_t0, s_t0.AddDays(8))] }, "deviceOff[0].until" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void ABadProfileIsRefusedNamingTheField(AlarmProfile profile, string field) =>
        Assert.Contains(profile.Problems(), p => p.Field == field);

    [Fact]
    public void TheDefaultProfileAndTheSuggestedTrendsAreValid()
    {
        Assert.Empty(AlarmProfile.Default.Problems());
        Assert.Empty((AlarmProfile.Default with { Trends = AlarmProfile.SuggestedTrends }).Problems());
    }
}
