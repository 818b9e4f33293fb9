using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>Turns a patient's watch into what clients see of NEWS2, and ACVPU to and from its wire names.</summary>
public static class News2Reads
{
    private static readonly Dictionary<Consciousness, string> s_names = new()
    {
        [Consciousness.Alert] = "alert",
        [Consciousness.NewConfusion] = "new_confusion",
        [Consciousness.Voice] = "voice",
        [Consciousness.Pain] = "pain",
        [Consciousness.Unresponsive] = "unresponsive",
    };

    public static string Names => string.Join(", ", s_names.Values);

    public static bool TryParseConsciousness(string text, out Consciousness consciousness)
    {
        foreach (var (value, name) in s_names)
        {
            if (name == text)
            {
                consciousness = value;
                return true;
            }
        }
        consciousness = default;
        return false;
    }

    /// <summary>Call under the watch's gate.</summary>
    public static News2Dto ToDto(this PatientWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var inputs = new News2InputsDto(watch.Inputs.Consciousness is { } c ? s_names[c] : null, watch.Inputs.OnSupplementalOxygen, watch.Inputs.UseScale2);
        if (!watch.IsAdult || watch.News2 is not { } score) return new News2Dto(watch.PatientId, watch.IsAdult, null, null, false, [], null, null, inputs);
        var scores = new Dictionary<string, int>
        {
            ["respiratory_rate"] = score.RespiratoryRate, ["spo2"] = score.Spo2, ["supplemental_oxygen"] = score.SupplementalOxygen,
            ["systolic_blood_pressure"] = score.SystolicBloodPressure, ["heart_rate"] = score.HeartRate,
            ["consciousness"] = score.Consciousness, ["temperature"] = score.Temperature,
        };
        return new News2Dto(watch.PatientId, true, score.Total, PatientWatch.RiskText(score.Risk), score.IsComplete, score.Missing, scores, watch.News2At, inputs);
    }
}
