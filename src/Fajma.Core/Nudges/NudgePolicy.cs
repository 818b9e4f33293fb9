using Fajma.Core.Alerts;

namespace Fajma.Core.Nudges;

/// <summary>
/// When a patient is nudged, and when the care team is told instead. The defaults, and why:
/// <list type="bullet">
/// <item><see cref="EscalateAfter"/> 20 min: time for a patient woken at 3 a.m. to find the charger or put the sensor
/// back, while a real problem still reaches a clinician within half an hour of the first silence.</item>
/// <item><see cref="LowBatteryBelow"/> 15 %: about three hours left on a wearable oximeter (≈5 %/h) — enough to charge it
/// before it dies, late enough not to nag a patient every evening.</item>
/// <item><see cref="BatteryRecoveredAt"/> 20 %: a battery hovering at 15 % must not nudge and clear with every report.</item>
/// <item><see cref="OffSkinAfter"/> 2 min: a moving finger gives a few doubtful readings; two minutes of nothing else is a sensor off the skin.</item>
/// <item><see cref="MinQuality"/>: the alert rules' own (<see cref="ThresholdRule.DefaultMinQuality"/>): a reading the rules ignore is no good reading.</item>
/// </list>
/// </summary>
public sealed record NudgePolicy(
    TimeSpan EscalateAfter,
    int LowBatteryBelow = 15,
    int BatteryRecoveredAt = 20,
    TimeSpan? OffSkinAfter = null,
    int MinQuality = ThresholdRule.DefaultMinQuality)
{
    public static readonly NudgePolicy Default = new(TimeSpan.FromMinutes(20));

    public TimeSpan OffSkin => OffSkinAfter ?? TimeSpan.FromMinutes(2);

    /// <summary>How long the condition must last before the patient is nudged: off-skin needs a run of doubtful readings; the others are already a fact when seen.</summary>
    public TimeSpan Onset(NudgeKind kind) => kind == NudgeKind.SensorOffSkin ? OffSkin : TimeSpan.Zero;

    /// <summary>A battery level is low: under <see cref="LowBatteryBelow"/>, or — once low — still under <see cref="BatteryRecoveredAt"/>.</summary>
    public bool IsLowBattery(int level, bool wasLow) => level < (wasLow ? BatteryRecoveredAt : LowBatteryBelow);

    /// <summary>A reading the alert rules would not count: the sensor is reading badly (off the skin, moving).</summary>
    public bool IsDoubtful(int? quality) => quality is { } q && q < MinQuality;
}
