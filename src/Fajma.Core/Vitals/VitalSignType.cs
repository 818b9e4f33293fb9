namespace Fajma.Core.Vitals;

/// <summary>The vital signs Fajma measures. Each has one definition in <see cref="VitalSigns"/>.</summary>
public enum VitalSignType
{
    HeartRate,
    OxygenSaturation,
    BodyTemperature,
    BloodPressure,
    RespiratoryRate,
}
