using Fajma.Core.Vitals;

namespace Fajma.Core.Alerts;

/// <summary>
/// National Early Warning Score 2 (Royal College of Physicians, 2017, chart 1), for adults (16 and over) only.
/// Bands are the chart's, at its resolution: whole numbers, temperature to one decimal; a measurement is
/// rounded to that resolution (half away from zero) before it is banded, so 95.5 % counts as 96 %.
/// </summary>
public static class News2
{
    /// <summary>NEWS2 is validated for adults: below this age it is not shown.</summary>
    public const int AdultAge = 16;

    public static News2Score Score(News2Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var missing = 0; // one bit per parameter of s_parameters not measured
        var oxygen = input.OnSupplementalOxygen;
        int Scored(double? value, VitalSignType type, int parameter) =>
            value is { } v ? Band(type, v, input.UseScale2, oxygen ?? false)!.Value : Missing(parameter, ref missing);
        return new News2Score(
            Scored(input.RespiratoryRate, VitalSignType.RespiratoryRate, 0),
            Scored(input.Spo2, VitalSignType.OxygenSaturation, 1),
            oxygen is null ? Missing(2, ref missing) : oxygen.Value ? 2 : 0,
            Scored(input.SystolicBloodPressure, VitalSignType.BloodPressure, 3),
            Scored(input.HeartRate, VitalSignType.HeartRate, 4),
            input.Consciousness is null ? Missing(5, ref missing) : input.Consciousness == Alerts.Consciousness.Alert ? 0 : 3,
            Scored(input.Temperature, VitalSignType.BodyTemperature, 6),
            s_missing[missing]);
    }

    // The parameters in the chart's order, and what is missing as one shared read-only list per combination: a patient's
    // latest score is kept until the next reading, and a list of its own each time would be copied up through the
    // collector's generations with every patient's (docs/performance.md, issue 15, seventeenth session).
    private static readonly string[] s_parameters =
        ["respiratory_rate", "spo2", "supplemental_oxygen", "systolic_blood_pressure", "heart_rate", "consciousness", "temperature"];

    private static readonly IReadOnlyList<string>[] s_missing = [.. Enumerable.Range(0, 1 << s_parameters.Length)
        .Select(IReadOnlyList<string> (mask) => Array.AsReadOnly(s_parameters.Where((_, i) => (mask & (1 << i)) != 0).ToArray()))];

    /// <summary>
    /// One measurement's points on its own (SpO₂ on scale 1), as <see cref="Score"/> gives them; null for a sign NEWS2 does
    /// not score. For a check on every reading, which a whole score with five parameters missing would cost more.
    /// </summary>
    public static int? Points(VitalSignType type, double value) => Band(type, value, scale2: false, onOxygen: false);

    // Each measurement rounded to the chart's resolution (half away from zero) before it is banded: whole numbers,
    // temperature to one decimal.
    private static int? Band(VitalSignType type, double value, bool scale2, bool onOxygen) => type switch
    {
        VitalSignType.RespiratoryRate => RespiratoryRate(Whole(value)),
        VitalSignType.OxygenSaturation => scale2 ? Spo2Scale2(Whole(value), onOxygen) : Spo2Scale1(Whole(value)),
        VitalSignType.BloodPressure => Systolic(Whole(value)),
        VitalSignType.HeartRate => Pulse(Whole(value)),
        VitalSignType.BodyTemperature => Temperature(Math.Round(value, 1, MidpointRounding.AwayFromZero)),
        _ => null,
    };

    private static double Whole(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    private static int Missing(int parameter, ref int missing)
    {
        missing |= 1 << parameter;
        return 0;
    }

    // Respiration rate (per minute): ≤8 3 · 9–11 1 · 12–20 0 · 21–24 2 · ≥25 3
    private static int RespiratoryRate(double r) => r <= 8 ? 3 : r <= 11 ? 1 : r <= 20 ? 0 : r <= 24 ? 2 : 3;

    // SpO₂ scale 1 (%): ≤91 3 · 92–93 2 · 94–95 1 · ≥96 0
    private static int Spo2Scale1(double s) => s <= 91 ? 3 : s <= 93 ? 2 : s <= 95 ? 1 : 0;

    // SpO₂ scale 2 (%): ≤83 3 · 84–85 2 · 86–87 1 · 88–92 0, or ≥93 on air 0 · 93–94 on oxygen 1 · 95–96 on oxygen 2 · ≥97 on oxygen 3
    private static int Spo2Scale2(double s, bool onOxygen) =>
        s <= 83 ? 3 : s <= 85 ? 2 : s <= 87 ? 1 : s <= 92 || !onOxygen ? 0 : s <= 94 ? 1 : s <= 96 ? 2 : 3;

    // Systolic blood pressure (mmHg): ≤90 3 · 91–100 2 · 101–110 1 · 111–219 0 · ≥220 3
    private static int Systolic(double p) => p <= 90 ? 3 : p <= 100 ? 2 : p <= 110 ? 1 : p <= 219 ? 0 : 3;

    // Pulse (per minute): ≤40 3 · 41–50 1 · 51–90 0 · 91–110 1 · 111–130 2 · ≥131 3
    private static int Pulse(double p) => p <= 40 ? 3 : p <= 50 ? 1 : p <= 90 ? 0 : p <= 110 ? 1 : p <= 130 ? 2 : 3;

    // Temperature (°C): ≤35.0 3 · 35.1–36.0 1 · 36.1–38.0 0 · 38.1–39.0 1 · ≥39.1 2
    private static int Temperature(double t) => t <= 35.0 ? 3 : t <= 36.0 ? 1 : t <= 38.0 ? 0 : t <= 39.0 ? 1 : 2;
}
