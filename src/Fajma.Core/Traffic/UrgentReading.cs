using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Traffic;

/// <summary>
/// A reading that must not wait behind the flood: one of its values scores 3 on its own in NEWS2 (a "red score", which
/// calls for an urgent review), so an alert may hang on it. Under overload it is admitted like a critical alert; the
/// patient's own alert rules decide later what it raises. Population bands, not the patient's: admission has no time to ask.
/// </summary>
public static class UrgentReading
{
    public static bool Is(DeviceReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        foreach (var m in reading.Measurements)
        {
            var score = m.Type switch
            {
                VitalSignType.HeartRate => News2.Score(Only(heartRate: m.Value)).HeartRate,
                VitalSignType.OxygenSaturation => News2.Score(Only(spo2: m.Value)).Spo2,
                VitalSignType.BloodPressure => News2.Score(Only(systolic: m.Value)).SystolicBloodPressure,
                VitalSignType.RespiratoryRate => News2.Score(Only(respiratoryRate: m.Value)).RespiratoryRate,
                VitalSignType.BodyTemperature => News2.Score(Only(temperature: m.Value)).Temperature,
                _ => 0,
            };
            if (score == 3) return true;
        }
        return false;
    }

    private static News2Input Only(double? heartRate = null, double? spo2 = null, double? systolic = null, double? respiratoryRate = null, double? temperature = null) =>
        new(respiratoryRate, spo2, UseScale2: false, OnSupplementalOxygen: null, systolic, heartRate, Consciousness: null, temperature);
}
