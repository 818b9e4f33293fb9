using Fajma.Core.Nudges;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>The <c>Nudges</c> section; defaults and their reasons are <see cref="NudgePolicy"/>'s.</summary>
public sealed class NudgeOptions
{
    /// <summary>Off: the care team is told of silence at once, as before nudges; low battery and off-skin say nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the patient has to put it right before the care team is told; zero tells both at once.</summary>
    public TimeSpan EscalateAfter { get; set; } = NudgePolicy.Default.EscalateAfter;

    public int LowBatteryBelow { get; set; } = NudgePolicy.Default.LowBatteryBelow;

    public int BatteryRecoveredAt { get; set; } = NudgePolicy.Default.BatteryRecoveredAt;

    public TimeSpan OffSkinAfter { get; set; } = NudgePolicy.Default.OffSkin;

    public NudgePolicy Policy => new(EscalateAfter, LowBatteryBelow, BatteryRecoveredAt, OffSkinAfter);
}
