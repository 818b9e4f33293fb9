using Fajma.Core.Vitals;
using Fajma.Devices.Simulation;

namespace Fajma.Devices.Tests;

public sealed class VitalSignsGeneratorTests
{
    private static readonly PatientProfile s_resting = new(HeartRate: 70, Spo2: 97, Temperature: 36.7, Systolic: 120, Diastolic: 78, RespiratoryRate: 14);

    [Fact]
    public void AnHourOfRestingVitalsStaysPlausibleAndNearTheBaseline()
    {
        var generator = new VitalSignsGenerator(s_resting, new Random(7), episodesPerHour: 0);

        var hour = Enumerable.Range(0, 3600).Select(_ => generator.Next(1)).ToList();

        foreach (var reading in hour.SelectMany(r => r))
            Assert.True(VitalSigns.Get(reading.Type).Range.Contains(reading.Value), $"{reading.Type} {reading.Value}");
        var heartRates = hour.Select(r => r.Single(m => m.Type == VitalSignType.HeartRate).Value).ToList();
        Assert.InRange(heartRates.Average(), 65, 75);
        Assert.True(heartRates.Distinct().Count() > 5, "heart rate should vary");
        Assert.All(hour, r => Assert.True(r.Single(m => m.Type == VitalSignType.BloodPressure) is { Diastolic: { } d, Value: var s } && d < s));
    }

    [Theory]
    [InlineData(EpisodeKind.Tachycardia, VitalSignType.HeartRate, 120, true)]
    [InlineData(EpisodeKind.Desaturation, VitalSignType.OxygenSaturation, 90, false)]
    [InlineData(EpisodeKind.Fever, VitalSignType.BodyTemperature, 38.5, true)]
    public void AnEpisodeCrossesTheSeedAlertThresholdAndRecovers(EpisodeKind kind, VitalSignType type, double threshold, bool above)
    {
        var generator = new VitalSignsGenerator(s_resting, new Random(3), episodesPerHour: 0);
        for (var i = 0; i < 60; i++) generator.Next(1);

        generator.StartEpisode(kind, lengthSeconds: 300);
        var during = Enumerable.Range(0, 300).Select(_ => generator.Next(1).Single(m => m.Type == type).Value).ToList();
        var after = Enumerable.Range(0, 300).Select(_ => generator.Next(1).Single(m => m.Type == type).Value).ToList();

        Assert.Contains(during, v => above ? v > threshold : v < threshold);
        Assert.Equal(EpisodeKind.None, generator.Episode);
        Assert.DoesNotContain(after.Skip(120), v => above ? v > threshold : v < threshold);
    }

    [Fact]
    public void PoorContactDropsTheQualityUnderTheAlertRulesBarAndGoodContactRestoresIt()
    {
        var generator = new VitalSignsGenerator(s_resting, new Random(5), episodesPerHour: 0);
        var before = generator.Next(1);

        generator.StartEpisode(EpisodeKind.PoorContact, lengthSeconds: 30);
        var during = Enumerable.Range(0, 29).SelectMany(_ => generator.Next(1)).ToList();
        var after = Enumerable.Range(0, 5).SelectMany(_ => generator.Next(1)).ToList();

        Assert.All(before, m => Assert.True(m.Quality >= Fajma.Core.Alerts.ThresholdRule.DefaultMinQuality));
        Assert.All(during, m => Assert.True(m.Quality < Fajma.Core.Alerts.ThresholdRule.DefaultMinQuality, $"{m.Type} quality {m.Quality}"));
        Assert.All(after, m => Assert.True(m.Quality >= Fajma.Core.Alerts.ThresholdRule.DefaultMinQuality));
    }
}
