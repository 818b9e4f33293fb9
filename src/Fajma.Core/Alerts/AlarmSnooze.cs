namespace Fajma.Core.Alerts;

/// <summary>
/// A doctor silenced one rule of one patient until <see cref="Until"/> (Nightscout's snooze): the rule keeps counting,
/// it just does not page; past the expiry a value still beyond raises at its next reading. Critical alerts cannot be snoozed.
/// </summary>
public sealed record AlarmSnooze(string Rule, DateTimeOffset Until)
{
    /// <summary>The longest a snooze may last: a forgotten one must not silence a patient for days.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    public bool Covers(string rule, DateTimeOffset at) => Rule == rule && at < Until;

    /// <summary>Why the rule cannot be snoozed until then, by field: a critical rule, a device's own alert, an expiry past or too far.</summary>
    public static Messages.FieldError? Refusal(string rule, AlertSeverity? severity, DateTimeOffset until, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.StartsWith("device:", StringComparison.Ordinal) || severity == AlertSeverity.Critical)
            return new("rule", "critical alerts cannot be snoozed");
        if (severity is null) return new("rule", "is not a rule of this patient");
        if (until <= now) return new("until", "must be in the future");
        return until - now > Longest ? new("until", $"a snooze lasts at most {Longest.TotalHours:0} hours") : null;
    }
}
