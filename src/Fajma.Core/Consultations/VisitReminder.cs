namespace Fajma.Core.Consultations;

/// <summary>The reminders of a scheduled visit: the day before and just before.</summary>
public enum VisitReminder
{
    DayBefore,
    TenMinutesBefore,
}
