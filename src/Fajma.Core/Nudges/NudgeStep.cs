namespace Fajma.Core.Nudges;

/// <summary>What one step of <see cref="NudgeMachine"/> asks for: nudge the patient, tell the care team, or clear (all three may be false).</summary>
public sealed record NudgeStep(NudgeState Next, bool Nudge, bool Escalate, bool Clear);
