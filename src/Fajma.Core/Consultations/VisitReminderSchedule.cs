namespace Fajma.Core.Consultations;

/// <summary>
/// Which reminder is due now, derived from the stored visit alone (so a restart loses none): a reminder whose
/// moment has come and the visit not yet, announced before that moment (an invitation sent 2 h ahead is reminder
/// enough for the day-before one), and not sent for this time yet. Only the nearest counts: after an outage spanning
/// both moments, one reminder goes, not two.
/// </summary>
public static class VisitReminderSchedule
{
    public static TimeSpan Lead(VisitReminder reminder) => reminder switch
    {
        VisitReminder.DayBefore => TimeSpan.FromHours(24),
        _ => TimeSpan.FromMinutes(10),
    };

    /// <summary>How far ahead reminders look: a visit further away than this has none due.</summary>
    public static TimeSpan Horizon => Lead(VisitReminder.DayBefore);

    public static VisitReminder? Due(DateTimeOffset scheduledAt, DateTimeOffset announcedAt, DateTimeOffset now, Func<VisitReminder, bool> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (now >= scheduledAt) return null;
        VisitReminder? nearest = null;
        foreach (var reminder in Enum.GetValues<VisitReminder>())
        {
            var moment = scheduledAt - Lead(reminder);
            if (moment <= now && moment > announcedAt && (nearest is null || moment > scheduledAt - Lead(nearest.Value))) nearest = reminder;
        }
        return nearest is { } due && !sent(due) ? due : null;
    }
}
