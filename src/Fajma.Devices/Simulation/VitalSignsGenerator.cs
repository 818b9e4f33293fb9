using Fajma.Core.Vitals;

namespace Fajma.Devices.Simulation;

/// <summary>
/// Realistic, slowly varying vitals for one patient: each value is pulled back toward the patient's
/// resting value (an Ornstein–Uhlenbeck walk) with small noise, and now and then an abnormal episode
/// (tachycardia, desaturation, fever) ramps a value past its alert threshold and back.
/// </summary>
public sealed class VitalSignsGenerator(PatientProfile profile, Random random, double episodesPerHour = 2)
{
    private double _heartRate = profile.HeartRate;
    private double _spo2 = profile.Spo2;
    private double _temperature = profile.Temperature;
    private double _systolic = profile.Systolic;
    private double _diastolic = profile.Diastolic;
    private double _respiratoryRate = profile.RespiratoryRate;
    private double _episodeElapsed;
    private double _episodeLength;

    public EpisodeKind Episode { get; private set; }

    /// <summary>Advances the walk by <paramref name="seconds"/> and returns the current readings.</summary>
    public IReadOnlyList<Measurement> Next(double seconds, DateTimeOffset? now = null)
    {
        AdvanceEpisode(seconds);
        var intensity = EpisodeIntensity();
        _heartRate = Walk(_heartRate, profile.HeartRate + (Episode == EpisodeKind.Tachycardia ? 65 * intensity : 0), 1.2, seconds);
        _spo2 = Math.Min(100, Walk(_spo2, profile.Spo2 - (Episode == EpisodeKind.Desaturation ? 11 * intensity : 0), 0.25, seconds));
        _temperature = Walk(_temperature, profile.Temperature + (Episode == EpisodeKind.Fever ? 2.6 * intensity : 0), 0.02, seconds);
        _systolic = Walk(_systolic, profile.Systolic, 1.0, seconds);
        _diastolic = Math.Min(_systolic - 20, Walk(_diastolic, profile.Diastolic, 0.7, seconds));
        _respiratoryRate = Walk(_respiratoryRate, profile.RespiratoryRate + (Episode == EpisodeKind.Desaturation ? 8 * intensity : 0), 0.3, seconds);
        // The device's 0–100 confidence; with poor contact it falls under the alert rules' bar of 50.
        var quality = Episode == EpisodeKind.PoorContact ? 20 + random.Next(25) : 85 + random.Next(15);
        return
        [
            new Measurement(VitalSignType.HeartRate, Math.Round(_heartRate), Quality: quality, MeasuredAt: now),
            new Measurement(VitalSignType.OxygenSaturation, Math.Round(_spo2), Quality: quality, MeasuredAt: now),
            new Measurement(VitalSignType.BodyTemperature, Math.Round(_temperature, 1), Quality: quality, MeasuredAt: now),
            new Measurement(VitalSignType.BloodPressure, Math.Round(_systolic), Math.Round(_diastolic), quality, now),
            new Measurement(VitalSignType.RespiratoryRate, Math.Round(_respiratoryRate), Quality: quality, MeasuredAt: now),
        ];
    }

    /// <summary>Starts an episode now (used by the demo and tests to show an abnormal value on demand).</summary>
    public void StartEpisode(EpisodeKind kind, double lengthSeconds = 60)
    {
        Episode = kind;
        _episodeElapsed = 0;
        _episodeLength = lengthSeconds;
    }

    private void AdvanceEpisode(double seconds)
    {
        if (Episode != EpisodeKind.None)
        {
            _episodeElapsed += seconds;
            if (_episodeElapsed >= _episodeLength) Episode = EpisodeKind.None;
            return;
        }
        if (random.NextDouble() < episodesPerHour * seconds / 3600)
            StartEpisode((EpisodeKind)(1 + random.Next(4)), 30 + random.NextDouble() * 60);
    }

    /// <summary>0 → 1 → 0 over the episode: a ramp up, a plateau, a ramp down.</summary>
    private double EpisodeIntensity()
    {
        if (Episode == EpisodeKind.None || _episodeLength <= 0) return 0;
        var t = _episodeElapsed / _episodeLength;
        return Math.Clamp(Math.Min(t, 1 - t) * 4, 0, 1);
    }

    private double Walk(double value, double target, double noise, double seconds)
    {
        const double pull = 0.08; // per second: how fast values return to the target
        var step = pull * (target - value) * seconds + noise * Math.Sqrt(seconds) * Gaussian();
        return value + step;
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
