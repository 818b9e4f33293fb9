using System.Collections.Frozen;

namespace Fajma.Core.Vitals;

/// <summary>The catalogue of vital signs: LOINC codes from loinc.org, UCUM units, plausibility bounds.</summary>
public static class VitalSigns
{
    // Ranges are physiological extremes, not alert thresholds (those live with the alert rules):
    // heart rate 20–300 /min, SpO2 50–100 % (pulse oximetry is meaningless lower), core temperature
    // 25–45 °C, blood pressure 40–300 / 20–200 mmHg, respiratory rate 2–80 /min.
    public static readonly VitalSignDefinition HeartRate = new(
        VitalSignType.HeartRate, "heart_rate", "8867-4", "Heart rate", "/min", "bpm",
        new PlausibleRange(20, 300), ["bpm", "/min", "beats/min"]);

    public static readonly VitalSignDefinition OxygenSaturation = new(
        VitalSignType.OxygenSaturation, "spo2", "59408-5", "Oxygen saturation (pulse oximetry)", "%", "%",
        new PlausibleRange(50, 100), ["%"]);

    public static readonly VitalSignDefinition BodyTemperature = new(
        VitalSignType.BodyTemperature, "temperature", "8310-5", "Body temperature", "Cel", "°C",
        new PlausibleRange(25, 45), ["°C", "Cel", "C", "celsius"]);

    public static readonly VitalSignDefinition BloodPressure = new(
        VitalSignType.BloodPressure, "blood_pressure", "8480-6", "Blood pressure", "mm[Hg]", "mmHg",
        new PlausibleRange(40, 300), ["mmHg", "mm[Hg]"],
        DiastolicLoinc: "8462-4", DiastolicRange: new PlausibleRange(20, 200));

    public static readonly VitalSignDefinition RespiratoryRate = new(
        VitalSignType.RespiratoryRate, "respiratory_rate", "9279-1", "Respiratory rate", "/min", "/min",
        new PlausibleRange(2, 80), ["/min", "breaths/min", "rpm"]);

    /// <summary>LOINC panel code of the blood pressure pair (systolic 8480-6 + diastolic 8462-4).</summary>
    public const string BloodPressurePanelLoinc = "85354-9";

    public static IReadOnlyList<VitalSignDefinition> All { get; } =
        [HeartRate, OxygenSaturation, BodyTemperature, BloodPressure, RespiratoryRate];

    private static readonly FrozenDictionary<string, VitalSignDefinition> s_byWireName =
        All.ToFrozenDictionary(d => d.WireName, StringComparer.Ordinal);

    private static readonly FrozenDictionary<VitalSignType, VitalSignDefinition> s_byType =
        All.ToFrozenDictionary(d => d.Type);

    public static VitalSignDefinition Get(VitalSignType type) => s_byType[type];

    public static bool TryGetByWireName(string wireName, out VitalSignDefinition definition) =>
        s_byWireName.TryGetValue(wireName, out definition!);

    public static string WireNames => string.Join(", ", All.Select(d => d.WireName));
}
