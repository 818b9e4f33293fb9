using Fajma.Core.Alerts;

namespace Fajma.Core.Follow;

/// <summary>Whether a follower is paged about an alert now: one they asked for, still unacknowledged after their delay.</summary>
public static class FollowerPageRule
{
    public static bool IsDue(FollowerAlertSettings settings, AlertSeverity severity, AlertStatus status, DateTimeOffset raisedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Acknowledged means a clinician has it in hand: the family is not woken for it.
        return status == AlertStatus.Raised && settings.Wants(severity) && now - raisedAt >= TimeSpan.FromMinutes(settings.DelayMinutes);
    }
}
