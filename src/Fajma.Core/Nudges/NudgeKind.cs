namespace Fajma.Core.Nudges;

/// <summary>Something the patient can usually put right themself, so they hear of it before anyone is paged.</summary>
public enum NudgeKind
{
    /// <summary>No reading from a device for its type's no-data timeout, outside a planned device-off period.</summary>
    MissingMeasurement,
    /// <summary>The device reports its battery under <see cref="NudgePolicy.LowBatteryBelow"/>.</summary>
    LowBattery,
    /// <summary>Only doubtful readings (quality under the rules' minimum) for <see cref="NudgePolicy.OffSkinAfter"/>: the sensor is off the finger or skin.</summary>
    SensorOffSkin,
}
