using CsCheck;
using Fajma.Core.Alerts;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

/// <summary>NEWS2 against the Royal College of Physicians' chart 1 (2017): every band edge of every parameter, and chart 2's risk levels.</summary>
public sealed class News2Tests
{
    // A patient scoring 0 everywhere; each test changes one parameter.
    private static readonly News2Input s_normal = new(16, 97, false, false, 120, 70, Consciousness.Alert, 37.0);

    [Theory]
    [InlineData(8, 3)] [InlineData(9, 1)] [InlineData(11, 1)] [InlineData(12, 0)] [InlineData(20, 0)] [InlineData(21, 2)] [InlineData(24, 2)] [InlineData(25, 3)]
    public void RespirationRate(double perMinute, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { RespiratoryRate = perMinute }).RespiratoryRate);

    [Theory]
    [InlineData(91, 3)] [InlineData(92, 2)] [InlineData(93, 2)] [InlineData(94, 1)] [InlineData(95, 1)] [InlineData(96, 0)] [InlineData(100, 0)]
    public void Spo2Scale1(double percent, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { Spo2 = percent }).Spo2);

    [Theory]
    [InlineData(83, false, 3)] [InlineData(84, false, 2)] [InlineData(85, false, 2)] [InlineData(86, false, 1)] [InlineData(87, false, 1)]
    [InlineData(88, false, 0)] [InlineData(92, false, 0)] [InlineData(93, false, 0)] [InlineData(100, false, 0)]
    [InlineData(88, true, 0)] [InlineData(92, true, 0)] [InlineData(93, true, 1)] [InlineData(94, true, 1)] [InlineData(95, true, 2)]
    [InlineData(96, true, 2)] [InlineData(97, true, 3)] [InlineData(100, true, 3)]
    public void Spo2Scale2DependsOnOxygenAbove92(double percent, bool onOxygen, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { Spo2 = percent, UseScale2 = true, OnSupplementalOxygen = onOxygen }).Spo2);

    [Theory]
    [InlineData(true, 2)] [InlineData(false, 0)]
    public void AirOrOxygen(bool onOxygen, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { OnSupplementalOxygen = onOxygen }).SupplementalOxygen);

    [Theory]
    [InlineData(90, 3)] [InlineData(91, 2)] [InlineData(100, 2)] [InlineData(101, 1)] [InlineData(110, 1)] [InlineData(111, 0)] [InlineData(219, 0)] [InlineData(220, 3)]
    public void SystolicBloodPressure(double mmHg, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { SystolicBloodPressure = mmHg }).SystolicBloodPressure);

    [Theory]
    [InlineData(40, 3)] [InlineData(41, 1)] [InlineData(50, 1)] [InlineData(51, 0)] [InlineData(90, 0)] [InlineData(91, 1)] [InlineData(110, 1)]
    [InlineData(111, 2)] [InlineData(130, 2)] [InlineData(131, 3)]
    public void Pulse(double perMinute, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { HeartRate = perMinute }).HeartRate);

    [Theory]
    [InlineData(Consciousness.Alert, 0)] [InlineData(Consciousness.NewConfusion, 3)] [InlineData(Consciousness.Voice, 3)]
    [InlineData(Consciousness.Pain, 3)] [InlineData(Consciousness.Unresponsive, 3)]
    public void ConsciousnessAcvpu(Consciousness level, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { Consciousness = level }).Consciousness);

    [Theory]
    [InlineData(35.0, 3)] [InlineData(35.1, 1)] [InlineData(36.0, 1)] [InlineData(36.1, 0)] [InlineData(38.0, 0)] [InlineData(38.1, 1)]
    [InlineData(39.0, 1)] [InlineData(39.1, 2)] [InlineData(35.04, 3)] [InlineData(35.05, 1)]
    public void TemperatureToOneDecimal(double celsius, int score) =>
        Assert.Equal(score, News2.Score(s_normal with { Temperature = celsius }).Temperature);

    [Fact]
    public void AMeasurementBetweenBandsIsRoundedToTheChartsResolution()
    {
        Assert.Equal(0, News2.Score(s_normal with { Spo2 = 95.5 }).Spo2);  // 96 %
        Assert.Equal(1, News2.Score(s_normal with { Spo2 = 95.4 }).Spo2);  // 95 %
        Assert.Equal(0, News2.Score(s_normal with { HeartRate = 90.4 }).HeartRate);
    }

    [Fact]
    public void RiskFollowsTheTotalAndASingleThree()
    {
        Assert.Equal((0, News2Risk.Low), Total(s_normal));
        Assert.Equal((4, News2Risk.Low), Total(s_normal with { RespiratoryRate = 21, HeartRate = 111 }));                      // 2 + 2
        Assert.Equal((3, News2Risk.LowMedium), Total(s_normal with { Consciousness = Consciousness.NewConfusion }));            // a single 3
        Assert.Equal((5, News2Risk.Medium), Total(s_normal with { RespiratoryRate = 21, Spo2 = 93, Temperature = 38.5 }));     // 2 + 2 + 1
        Assert.Equal((6, News2Risk.Medium), Total(s_normal with { SystolicBloodPressure = 90, Spo2 = 94, HeartRate = 41, Temperature = 35.5 })); // 3 + 1 + 1 + 1
        Assert.Equal((7, News2Risk.High), Total(s_normal with { RespiratoryRate = 25, OnSupplementalOxygen = true, HeartRate = 111 })); // 3 + 2 + 2
    }

    [Fact]
    public void UnmeasuredParametersAreNamedAndTheScoreIsPartial()
    {
        var score = News2.Score(new News2Input(null, 97, false, null, null, 72, null, null));

        Assert.False(score.IsComplete);
        Assert.Equal(["respiratory_rate", "supplemental_oxygen", "systolic_blood_pressure", "consciousness", "temperature"], score.Missing);
        Assert.True(News2.Score(s_normal).IsComplete);
    }

    [Fact]
    public void OneMeasurementScoresOnItsOwnWhatItScoresInTheWholeChartHalvesAndBandEdgesIncluded()
    {
        // Values on a 0.05 grid around every edge: rounding half away from zero (95.5 % counts as 96) must agree too.
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 5_000]).Sample((sign, step) =>
        {
            var value = step * 0.05;
            var (type, chart) = sign switch
            {
                0 => (VitalSignType.HeartRate, News2.Score(s_normal with { HeartRate = value }).HeartRate),
                1 => (VitalSignType.OxygenSaturation, News2.Score(s_normal with { Spo2 = value }).Spo2),
                2 => (VitalSignType.BloodPressure, News2.Score(s_normal with { SystolicBloodPressure = value }).SystolicBloodPressure),
                3 => (VitalSignType.RespiratoryRate, News2.Score(s_normal with { RespiratoryRate = value }).RespiratoryRate),
                _ => (VitalSignType.BodyTemperature, News2.Score(s_normal with { Temperature = value }).Temperature),
            };
            Assert.Equal(chart, News2.Points(type, value));
        }, iter: 20_000);
    }

    private static (int, News2Risk) Total(News2Input input)
    {
        var score = News2.Score(input);
        return (score.Total, score.Risk);
    }
}
