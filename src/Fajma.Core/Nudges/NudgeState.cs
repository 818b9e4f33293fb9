namespace Fajma.Core.Nudges;

/// <summary>
/// Where one device's nudge of one kind stands: bad since when (null: all well), when the patient was nudged, when the
/// care team was told.
/// </summary>
public sealed record NudgeState(DateTimeOffset? BadSince, DateTimeOffset? NudgedAt, DateTimeOffset? EscalatedAt)
{
    public static readonly NudgeState Clear = new(null, null, null);

    public bool IsNudged => NudgedAt is not null;
}
