namespace Fajma.Core.Nudges;

/// <summary>
/// A nudge's life, as a pure function of where it stands, whether the condition holds now, and the clock:
/// all well → (bad for its onset) nudged → (still bad <see cref="NudgePolicy.EscalateAfter"/> after the nudge) escalated;
/// from nudged or escalated, good again → cleared. A zero limit nudges and escalates in one step (the care team is
/// told at once, as before nudges). The condition not holding (a good reading, the battery back up, a planned
/// device-off period) before the onset clears nothing — there was nothing to clear.
/// </summary>
public static class NudgeMachine
{
    public static NudgeStep Step(NudgeState state, bool bad, DateTimeOffset now, NudgeKind kind, NudgePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (!bad) return new NudgeStep(NudgeState.Clear, false, false, Clear: state.IsNudged);
        var since = state.BadSince ?? now;
        var nudge = !state.IsNudged && now - since >= policy.Onset(kind);
        var nudgedAt = nudge ? now : state.NudgedAt;
        var escalate = nudgedAt is { } at && state.EscalatedAt is null && now - at >= policy.EscalateAfter;
        return new NudgeStep(new NudgeState(since, nudgedAt, escalate ? now : state.EscalatedAt), nudge, escalate, false);
    }
}
