using Fajma.Core.Consultations;

namespace Fajma.Core.Tests;

public sealed class VisitReminderScheduleTests
{
    private static readonly DateTimeOffset s_visit = new(2026, 12, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    // hours before the visit now, hours before the visit it was announced, already sent (D: day, S: soon) → due
    [InlineData(25.0, 48.0, "", null)]                                  // too early
    [InlineData(24.0, 48.0, "", VisitReminder.DayBefore)]               // the day-before moment
    [InlineData(23.0, 48.0, "", VisitReminder.DayBefore)]               // late (the server was down): still sent
    [InlineData(23.0, 48.0, "D", null)]                                 // sent once only
    [InlineData(1.0, 48.0, "D", null)]                                  // between the two
    [InlineData(10.0 / 60, 48.0, "D", VisitReminder.TenMinutesBefore)]  // ten minutes before
    [InlineData(5.0 / 60, 48.0, "D", VisitReminder.TenMinutesBefore)]
    [InlineData(5.0 / 60, 48.0, "DS", null)]
    [InlineData(5.0 / 60, 48.0, "", VisitReminder.TenMinutesBefore)]    // an outage over both moments: one reminder, the nearest
    [InlineData(5.0 / 60, 48.0, "S", null)]                             // ... and the day-before one is not sent after it
    [InlineData(0.0, 48.0, "", null)]                                   // the visit has begun: no reminder
    [InlineData(-1.0, 48.0, "", null)]
    [InlineData(20.0, 22.0, "", null)]                                  // announced less than a day ahead: the invitation was the reminder
    [InlineData(5.0 / 60, 22.0, "", VisitReminder.TenMinutesBefore)]    // ... but the ten-minute one still comes
    [InlineData(5.0 / 60, 8.0 / 60, "", null)]                          // booked eight minutes ahead: none
    public void TheDueReminderFollowsTheStoredVisitAlone(double hoursBefore, double announcedHoursBefore, string sent, VisitReminder? due)
    {
        var now = s_visit - TimeSpan.FromHours(hoursBefore);
        var announced = s_visit - TimeSpan.FromHours(announcedHoursBefore);

        var outcome = VisitReminderSchedule.Due(s_visit, announced, now,
            r => sent.Contains(r == VisitReminder.DayBefore ? 'D' : 'S', StringComparison.Ordinal));

        Assert.Equal(due, outcome);
    }
}
