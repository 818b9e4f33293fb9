using Fajma.Core.Alerts;

namespace Fajma.Core.Follow;

/// <summary>
/// What a follower (family member, caregiver) wants to be paged about for one patient they follow: which severities,
/// and how long the care team gets first (Tidepool-style delay): the follower is paged only if the alert is still
/// raised and unacknowledged once the delay has passed.
/// </summary>
public sealed record FollowerAlertSettings(bool Critical, bool Major, bool Warning, int DelayMinutes)
{
    public const int MaxDelayMinutes = 240;

    /// <summary>New follows: critical alerts only, after the care team has had 15 minutes.</summary>
    public static FollowerAlertSettings Default { get; } = new(Critical: true, Major: false, Warning: false, DelayMinutes: 15);

    public bool Wants(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Critical,
        AlertSeverity.Major => Major,
        _ => Warning,
    };

    public static bool IsValidDelay(int minutes) => minutes is >= 0 and <= MaxDelayMinutes;
}
