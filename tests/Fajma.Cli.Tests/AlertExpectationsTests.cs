using Fajma.Cli.Bench;

namespace Fajma.Cli.Tests;

/// <summary>How a bench probe tells the alert it waits for: from the doctor's hub, or asked for after the hub was away.</summary>
public sealed class AlertExpectationsTests
{
    private static readonly DateTimeOffset s_sent = new(2026, 12, 5, 7, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public async Task AnAlertAskedForAfterAReconnectIsTheRaiseWaitedForAndIsCountedAsCaughtUp()
    {
        var expectations = new AlertExpectations();
        var arrival = expectations.Expect("heart_rate:high", "raised", s_sent);
        var heard = s_sent.AddSeconds(3);

        expectations.CaughtUpWith("heart_rate:high", s_sent.AddMilliseconds(12), heard);

        Assert.Equal((s_sent.AddMilliseconds(12), heard), await arrival.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, expectations.CaughtUp);
    }

    [Fact]
    public void AnEarlierAlertOfTheSameRuleIsNotTakenForTheOneWaitedFor()
    {
        var expectations = new AlertExpectations();
        var arrival = expectations.Expect("heart_rate:high", "raised", s_sent);

        expectations.CaughtUpWith("heart_rate:high", s_sent.AddSeconds(-4), s_sent.AddSeconds(1)); // the rule's previous round
        expectations.CaughtUpWith("spo2:low", s_sent.AddMilliseconds(5), s_sent.AddSeconds(1));     // another rule

        Assert.False(arrival.IsCompleted);
        Assert.Equal(0, expectations.CaughtUp);
    }

    [Fact]
    public async Task ARaiseTheHubDeliveredIsNotCountedAgainWhenItIsAlsoAskedFor()
    {
        var expectations = new AlertExpectations();
        var arrival = expectations.Expect("device:D1:BENCH_EVENT_1", "raised", s_sent);

        expectations.Received("device:D1:BENCH_EVENT_1", "raised", s_sent.AddMilliseconds(3), s_sent.AddMilliseconds(9));
        expectations.CaughtUpWith("device:D1:BENCH_EVENT_1", s_sent.AddMilliseconds(3), s_sent.AddSeconds(2));

        Assert.Equal(s_sent.AddMilliseconds(9), (await arrival.WaitAsync(TimeSpan.FromSeconds(5))).Received);
        Assert.Equal(0, expectations.CaughtUp);
    }

    [Fact]
    public void OnlyARaiseIsCaughtUpWithNotAResolutionNorAnythingNoLongerWaitedFor()
    {
        var expectations = new AlertExpectations();
        var resolved = expectations.Expect("heart_rate:high", "resolved", s_sent);
        expectations.Expect("device:D1:BENCH_EVENT_2", "raised", s_sent);
        expectations.Forget("device:D1:BENCH_EVENT_2", "raised");

        expectations.CaughtUpWith("heart_rate:high", s_sent.AddMilliseconds(20), s_sent.AddSeconds(1));
        expectations.CaughtUpWith("device:D1:BENCH_EVENT_2", s_sent.AddMilliseconds(20), s_sent.AddSeconds(1));

        Assert.False(resolved.IsCompleted);
        Assert.Equal(0, expectations.CaughtUp);
    }
}
