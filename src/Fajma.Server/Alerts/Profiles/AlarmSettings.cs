using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>A patient's alarm profile and live snoozes as the alert path holds them; <see cref="Version"/> tells a stale copy (<see cref="AlarmProfiles"/>).</summary>
public sealed record AlarmSettings(AlarmProfile Profile, IReadOnlyList<AlarmSnooze> Snoozes, long Version)
{
    public static AlarmSettings None { get; } = new(AlarmProfile.Default, [], 0);

    /// <summary>The patient's night, its zone looked up once per load rather than per reading.</summary>
    public NightWindow Night { get; } = Profile.Night;

    /// <summary>Asked for every rule a reading moves: a loop, not a closure and an enumerator each time.</summary>
    public bool IsSnoozed(string rule, DateTimeOffset now)
    {
        for (var i = 0; i < Snoozes.Count; i++)
            if (Snoozes[i].Covers(rule, now)) return true;
        return false;
    }
}
