using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>A patient's alarm profile and live snoozes as the alert path holds them; <see cref="Version"/> tells a stale copy (<see cref="AlarmProfiles"/>).</summary>
public sealed record AlarmSettings(AlarmProfile Profile, IReadOnlyList<AlarmSnooze> Snoozes, long Version)
{
    public static AlarmSettings None { get; } = new(AlarmProfile.Default, [], 0);

    /// <summary>The patient's night, its zone looked up once per load rather than per reading.</summary>
    public NightWindow Night { get; } = Profile.Night;

    public bool IsSnoozed(string rule, DateTimeOffset now) => Snoozes.Any(s => s.Covers(rule, now));
}
