using Fajma.Core.Alerts;
using Fajma.Core.Follow;

namespace Fajma.Core.Tests;

public sealed class FollowerPageRuleTests
{
    private static readonly DateTimeOffset s_raised = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    // severity, status, minutes since raised, wants critical/major/warning, delay → paged now
    [InlineData(AlertSeverity.Critical, AlertStatus.Raised, 14, true, false, false, 15, false)]      // the care team still has its time
    [InlineData(AlertSeverity.Critical, AlertStatus.Raised, 15, true, false, false, 15, true)]       // delay over, nobody acknowledged
    [InlineData(AlertSeverity.Critical, AlertStatus.Raised, 90, true, false, false, 15, true)]       // late sweep (restart): still paged
    [InlineData(AlertSeverity.Critical, AlertStatus.Acknowledged, 30, true, false, false, 15, false)] // a clinician has it
    [InlineData(AlertSeverity.Critical, AlertStatus.Resolved, 30, true, false, false, 15, false)]
    [InlineData(AlertSeverity.Major, AlertStatus.Raised, 30, true, false, false, 15, false)]          // not a severity they asked for
    [InlineData(AlertSeverity.Major, AlertStatus.Raised, 30, false, true, false, 15, true)]
    [InlineData(AlertSeverity.Warning, AlertStatus.Raised, 30, true, true, false, 15, false)]
    [InlineData(AlertSeverity.Warning, AlertStatus.Raised, 0, false, false, true, 0, true)]           // no delay: at once
    public void AFollowerIsPagedOnlyForWhatTheyAskedForStillUnacknowledgedAfterTheirDelay(AlertSeverity severity, AlertStatus status,
        int minutes, bool critical, bool major, bool warning, int delay, bool due)
    {
        var settings = new FollowerAlertSettings(critical, major, warning, delay);
        Assert.Equal(due, FollowerPageRule.IsDue(settings, severity, status, s_raised, s_raised.AddMinutes(minutes)));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(240, true)]
    [InlineData(241, false)]
    public void TheDelayIsZeroToFourHours(int minutes, bool valid) => Assert.Equal(valid, FollowerAlertSettings.IsValidDelay(minutes));
}
